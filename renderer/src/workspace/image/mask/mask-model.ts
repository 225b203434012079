/**
 * The inpainting mask as plain data: one byte per pixel of the picture, 255 = repaint,
 * 0 = keep. Kept apart from the canvas so painting, undo and the PNG's pixels are the
 * same in a test as on screen, and so the mask is always the picture's own size whatever
 * the zoom.
 */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type BrushMode = 'paint' | 'erase';

export interface Brush {
  /** Radius in picture pixels. */
  radius: number;
  /** 0..1: the share of the radius painted at full strength; the rest fades out (a soft edge blends better). */
  hardness: number;
  mode: BrushMode;
}

export interface Point {
  x: number;
  y: number;
}

export const BRUSH_LIMITS = { radius: { min: 1, max: 512 }, hardness: { min: 0, max: 1 } } as const;

export function emptyMask(width: number, height: number): Mask {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A mask needs a whole, positive size (got ${width}×${height}).`);
  }
  return { width, height, data: new Uint8Array(width * height) };
}

/** Strength 0..255 at a distance from the brush centre. */
function strengthAt(distance: number, brush: Brush): number {
  if (distance >= brush.radius) return 0;
  const solid = brush.radius * brush.hardness;
  if (distance <= solid) return 255;
  return Math.round(255 * (1 - (distance - solid) / (brush.radius - solid)));
}

/** One dab of the brush. Paint keeps the stronger value, erase the weaker, so overlapping dabs of one stroke do not build up. */
export function stamp(mask: Mask, at: Point, brush: Brush): void {
  const r = brush.radius;
  const x0 = Math.max(0, Math.floor(at.x - r));
  const x1 = Math.min(mask.width - 1, Math.ceil(at.x + r));
  const y0 = Math.max(0, Math.floor(at.y - r));
  const y1 = Math.min(mask.height - 1, Math.ceil(at.y + r));
  for (let y = y0; y <= y1; y++) {
    const row = y * mask.width;
    for (let x = x0; x <= x1; x++) {
      // Pixel centres, so a radius-1 dab at (4.5, 4.5) covers exactly that pixel.
      const s = strengthAt(Math.hypot(x + 0.5 - at.x, y + 0.5 - at.y), brush);
      if (s === 0) continue;
      const i = row + x;
      const before = mask.data[i] ?? 0;
      mask.data[i] = brush.mode === 'paint' ? Math.max(before, s) : Math.min(before, 255 - s);
    }
  }
}

/** A stroke segment: dabs a quarter radius apart, so a fast drag leaves a line, not beads. */
export function strokeLine(mask: Mask, from: Point, to: Point, brush: Brush): void {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const spacing = Math.max(0.5, brush.radius / 4);
  const steps = Math.max(1, Math.ceil(length / spacing));
  for (let step = 1; step <= steps; step++) {
    const t = step / steps;
    stamp(mask, { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }, brush);
  }
}

export function invertMask(mask: Mask): void {
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = 255 - (mask.data[i] ?? 0);
}

export function clearMask(mask: Mask): void {
  mask.data.fill(0);
}

/** True when nothing would be repainted: applying such a mask is refused before any work starts. */
export function isMaskEmpty(mask: Mask): boolean {
  return !mask.data.some((value) => value > 0);
}

/** The share of the picture marked for repainting, 0..1 (shown beside the tools). */
export function maskCoverage(mask: Mask): number {
  let sum = 0;
  for (const value of mask.data) sum += value;
  return sum / (255 * mask.data.length);
}

/** White-on-black RGBA pixels, as the inpainting contract reads a mask (white = repaint). */
export function maskToRgba(mask: Mask): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(mask.data.length * 4);
  for (let i = 0; i < mask.data.length; i++) {
    const value = mask.data[i] ?? 0;
    rgba[i * 4] = value;
    rgba[i * 4 + 1] = value;
    rgba[i * 4 + 2] = value;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** The on-screen overlay: the marked area tinted, the rest clear. */
export function maskToOverlay(mask: Mask, tint: readonly [number, number, number], opacity: number): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(mask.data.length * 4);
  for (let i = 0; i < mask.data.length; i++) {
    const value = mask.data[i] ?? 0;
    if (value === 0) continue;
    rgba[i * 4] = tint[0];
    rgba[i * 4 + 1] = tint[1];
    rgba[i * 4 + 2] = tint[2];
    rgba[i * 4 + 3] = Math.round(value * opacity);
  }
  return rgba;
}
