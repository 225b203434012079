import { parseHex, type Rgb } from '../colour.js';

/** One cell of the triangle tiling: its two halves' colours, which diagonal splits it, and an optional dot. */
export interface TriangleCell {
  first: string;
  second: string;
  /** True: split along the anti-diagonal (top-left half first); false: along the main diagonal (top-right half first). */
  antiDiagonal: boolean;
  dot: boolean;
}

interface TriangleTiling {
  width: number;
  height: number;
  /** Cell side in pixels (not a whole number: the short side divided into 5 to 9 cells). */
  cell: number;
  cols: number;
  /** Row-major, `cols` per row; the tiling covers the whole picture. */
  cells: TriangleCell[];
  dotColour: string;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * The triangle tiling straight into RGB pixels. Rasterising it as SVG cost librsvg more
 * than PNG costs to encode the result (a full-size surface, a gradient the tiles cover
 * anyway, two polygons a cell). Here each row of a cell is two runs of one colour filled
 * written in a plain loop, with the pixel or two on the diagonal blended by their distance to it, and the
 * dots drawn over their bounding boxes: edges stay anti-aliased, and JavaScript touches a
 * few pixels a row instead of all of them.
 */
export function rasteriseTriangles(t: TriangleTiling): Buffer {
  const { width, height, cell, cols, cells } = t;
  // Every pixel is written below (the cells cover the picture), so no zero fill.
  const out = Buffer.allocUnsafe(width * height * 3);
  const swatches = cells.map((c) => ({ first: parseHex(c.first), second: parseHex(c.second) }));
  // Pixels per unit of (u + v) or (v − u) across a diagonal: the edge's signed distance in pixels.
  const toPixels = cell / Math.SQRT2;
  const halfPixel = 0.5 / toPixels;
  const spans = Array.from(
    { length: cols },
    (_, col) => [Math.max(0, Math.ceil(col * cell - 0.5)), Math.min(width, Math.ceil((col + 1) * cell - 0.5))] as const,
  );
  for (let y = 0; y < height; y += 1) {
    const row = Math.floor((y + 0.5) / cell);
    const v = (y + 0.5) / cell - row;
    const rowAt = y * width * 3;
    for (let col = 0; col < cols; col += 1) {
      const [xs, xe] = spans[col] as readonly [number, number];
      if (xs >= xe) continue;
      const c = cells[row * cols + col] as TriangleCell;
      const { first, second } = swatches[row * cols + col] as { first: Rgb; second: Rgb };
      // Coverage of the second colour at u, 0…1, and the run of u where it is between.
      const cover = c.antiDiagonal ? (u: number) => clamp01((u + v - 1) * toPixels + 0.5) : (u: number) => clamp01((v - u) * toPixels + 0.5);
      const edge = c.antiDiagonal ? 1 - v : v;
      const [left, right] = c.antiDiagonal ? [first, second] : [second, first];
      const blendFrom = Math.min(xe, Math.max(xs, Math.floor((edge - halfPixel + col) * cell - 0.5)));
      const blendTo = Math.min(xe, Math.max(blendFrom, Math.ceil((edge + halfPixel + col) * cell - 0.5) + 1));
      fillRun(out, rowAt, xs, blendFrom, left);
      for (let x = blendFrom; x < blendTo; x += 1) {
        const k = cover((x + 0.5) / cell - col);
        for (let ch = 0; ch < 3; ch += 1) out[rowAt + x * 3 + ch] = (first[ch] as number) + ((second[ch] as number) - (first[ch] as number)) * k + 0.5;
      }
      fillRun(out, rowAt, blendTo, xe, right);
    }
  }
  drawDots(out, t);
  return out;
}

/**
 * Pixels from..to of a row in one colour. A plain loop: Buffer.fill with a 3-byte pattern
 * or a copy from a prepared run costs more per call than the few hundred pixels it writes.
 */
function fillRun(out: Buffer, rowAt: number, from: number, to: number, [r, g, b]: Rgb): void {
  for (let at = rowAt + from * 3, end = rowAt + to * 3; at < end; at += 3) {
    out[at] = r;
    out[at + 1] = g;
    out[at + 2] = b;
  }
}

/** The accent dots over the cells that have one, blended by coverage over their bounding boxes. */
function drawDots(out: Buffer, t: TriangleTiling): void {
  const { width, height, cell, cols, cells } = t;
  const dot = parseHex(t.dotColour);
  const radius = cell * 0.18;
  cells.forEach((c, i) => {
    if (!c.dot) return;
    const cx = ((i % cols) + 0.5) * cell;
    const cy = (Math.floor(i / cols) + 0.5) * cell;
    const [x0, x1] = [Math.max(0, Math.floor(cx - radius - 1)), Math.min(width, Math.ceil(cx + radius + 1))];
    const [y0, y1] = [Math.max(0, Math.floor(cy - radius - 1)), Math.min(height, Math.ceil(cy + radius + 1))];
    for (let y = y0; y < y1; y += 1) {
      for (let x = x0; x < x1; x += 1) {
        const k = clamp01(radius - Math.hypot(x + 0.5 - cx, y + 0.5 - cy) + 0.5);
        if (k === 0) continue;
        const at = (y * width + x) * 3;
        for (let ch = 0; ch < 3; ch += 1) out[at + ch] = (out[at + ch] as number) + ((dot[ch] as number) - (out[at + ch] as number)) * k + 0.5;
      }
    }
  });
}
