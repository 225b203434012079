import { AtelierError } from '../../../../../preload/contract.js';
import { outpaintLayout, type OutpaintLayout } from '../../../../../preload/outpaint-layout.js';
import type { OutpaintAnchor, OutpaintTarget } from '../../../../../preload/schemas/image-inpaint.js';

/** The shapes a picture is most often extended to: vertical video, wide video, square, portrait post, photo print. */
export const EXTEND_SHAPES = [
  { id: '9:16', label: '9:16 vertical', aspect: { width: 9, height: 16 } },
  { id: '16:9', label: '16:9 wide', aspect: { width: 16, height: 9 } },
  { id: '1:1', label: '1:1 square', aspect: { width: 1, height: 1 } },
  { id: '4:5', label: '4:5 portrait', aspect: { width: 4, height: 5 } },
  { id: '3:2', label: '3:2 photo', aspect: { width: 3, height: 2 } },
] as const;
export type ExtendShape = (typeof EXTEND_SHAPES)[number]['id'] | 'size';

export const EXTEND_ANCHORS: readonly { id: OutpaintAnchor; label: string }[] = [
  { id: 'center', label: 'Centre' },
  { id: 'top', label: 'Top' },
  { id: 'bottom', label: 'Bottom' },
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
];

/** The request's target for a shape (or the exact size typed), or null while a size is not a number. */
export function extendTarget(shape: ExtendShape, size: { width: number | null; height: number | null }): OutpaintTarget | null {
  if (shape !== 'size') {
    const preset = EXTEND_SHAPES.find((s) => s.id === shape);
    return preset ? { aspect: { ...preset.aspect } } : null;
  }
  return size.width !== null && size.height !== null ? { width: size.width, height: size.height } : null;
}

/** The frame a target makes from a picture, or why it cannot (the same rule main applies). */
export function extendLayout(
  own: { width: number; height: number },
  target: OutpaintTarget,
  anchor: OutpaintAnchor,
): { layout: OutpaintLayout; problem: null } | { layout: null; problem: string } {
  try {
    return { layout: outpaintLayout(own, target, anchor), problem: null };
  } catch (error) {
    if (error instanceof AtelierError) return { layout: null, problem: error.message };
    throw error;
  }
}
