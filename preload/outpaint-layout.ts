import { AtelierError } from './errors.js';
import { IMAGE_LIMITS } from './schemas/image.js';
import type { OutpaintAnchor, OutpaintTarget } from './schemas/image-inpaint.js';

function canvasSize(own: { width: number; height: number }, target: OutpaintTarget): { width: number; height: number } {
  if ('aspect' in target) {
    const ratio = target.aspect.width / target.aspect.height;
    // The smallest canvas of that shape that holds the whole picture.
    return own.width / own.height > ratio
      ? { width: own.width, height: Math.round(own.width / ratio) }
      : { width: Math.round(own.height * ratio), height: own.height };
  }
  if ('extend' in target) {
    const { top, right, bottom, left } = target.extend;
    return { width: own.width + left + right, height: own.height + top + bottom };
  }
  return { width: target.width, height: target.height };
}

function offset(space: number, anchor: OutpaintAnchor, start: 'left' | 'top', end: 'right' | 'bottom'): number {
  if (anchor.includes(start)) return 0;
  if (anchor.includes(end)) return space;
  return Math.floor(space / 2);
}

/** Where the picture sits on the outpainted canvas, in the canvas's pixels. */
export interface OutpaintLayout {
  width: number;
  height: number;
  left: number;
  top: number;
  /** The picture's size on the canvas. */
  pw: number;
  ph: number;
}

/**
 * The outpainted canvas's size and the picture's size on it (scaled down when the canvas is
 * smaller on a side), or a typed error when the canvas is too large or the picture already fills
 * it. Shared so the engine, the job's early check and the studio's preview agree on every pixel.
 */
export function outpaintLayout(own: { width: number; height: number }, target: OutpaintTarget, anchor: OutpaintAnchor): OutpaintLayout {
  const { width, height } = canvasSize(own, target);
  if (width > IMAGE_LIMITS.size.max || height > IMAGE_LIMITS.size.max) {
    throw new AtelierError('INVALID_INPUT', `The extended picture would be ${width}×${height}; the largest is ${IMAGE_LIMITS.size.max} on a side.`);
  }
  const scale = Math.min(1, width / own.width, height / own.height);
  const pw = Math.max(1, Math.round(own.width * scale));
  const ph = Math.max(1, Math.round(own.height * scale));
  if (pw === width && ph === height) throw new AtelierError('INVALID_INPUT', `The picture is already ${width}×${height}: there is nothing to extend.`);
  return { width, height, pw, ph, left: offset(width - pw, anchor, 'left', 'right'), top: offset(height - ph, anchor, 'top', 'bottom') };
}
