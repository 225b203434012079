/**
 * Tiling for model upscalers. A network such as Real-ESRGAN needs memory in proportion to
 * the pixels it sees at once, so a picture is cut into overlapping tiles, each upscaled on
 * its own, and the tiles are blended back with weights that fall to nothing at a tile's
 * edge (where zero padding makes the network's answer wrong): no seams, and memory that
 * depends on the tile size and the output's width, never its height.
 */

/** A tile in input pixels. */
interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Starts along one axis: tiles of `tile` pixels stepping by tile − overlap, the last one flush with the end. */
export function tileStarts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const step = Math.max(1, tile - overlap);
  const starts: number[] = [];
  for (let at = 0; at + tile < length; at += step) starts.push(at);
  starts.push(length - tile);
  return starts;
}

/** The tiles of a picture, row by row (each inner array is one row of tiles). */
export function tileRows(width: number, height: number, tile: number, overlap: number): Tile[][] {
  const xs = tileStarts(width, tile, overlap);
  return tileStarts(height, tile, overlap).map((y) => xs.map((x) => ({ x, y, width: Math.min(tile, width - x), height: Math.min(tile, height - y) })));
}

/**
 * One axis of a tile's blend weight, in output pixels: 1 inside; across the part shared with
 * a neighbour, 0 for the outer quarter (the pixels zero padding spoils), then a linear
 * cross-fade to 1 over the middle half. The neighbour's weight mirrors it, so the two sum to 1.
 */
export function axisWeights(size: number, sharedBefore: number, sharedAfter: number): Float32Array {
  const ramp = (i: number, shared: number) => {
    const margin = Math.floor(shared / 4);
    return Math.min(1, Math.max(0, (i + 0.5 - margin) / Math.max(1, shared - 2 * margin)));
  };
  const weights = new Float32Array(size).fill(1);
  for (let i = 0; i < size; i += 1) {
    if (sharedBefore > 0) weights[i] = Math.min(weights[i] as number, ramp(i, sharedBefore));
    if (sharedAfter > 0) weights[i] = Math.min(weights[i] as number, ramp(size - 1 - i, sharedAfter));
  }
  return weights;
}

/**
 * Adds upscaled tiles into a band of output rows and hands finished rows out. The band holds
 * one tile row's height of output (RGB and the summed weight per pixel as float32); rows above
 * the next tile row's top can get nothing more, so they are divided out and written.
 */
export class BlendBand {
  private band: Float32Array;
  /** The output row that band row 0 stands for. */
  private top = 0;

  constructor(
    private readonly outWidth: number,
    private readonly bandRows: number,
    private readonly out: Uint8Array,
  ) {
    this.band = new Float32Array(outWidth * bandRows * 4);
  }

  /** Adds a tile's RGB (planar float 0…1, width × height at output position x, y) with its weights. */
  add(rgb: Float32Array, x: number, y: number, width: number, height: number, wx: Float32Array, wy: Float32Array): void {
    const plane = width * height;
    for (let row = 0; row < height; row += 1) {
      const bandRow = y + row - this.top;
      if (bandRow < 0 || bandRow >= this.bandRows) throw new Error(`tile row ${y + row} is outside the band at ${this.top}`);
      const rowWeight = wy[row] as number;
      let at = (bandRow * this.outWidth + x) * 4;
      for (let col = 0; col < width; col += 1, at += 4) {
        const w = rowWeight * (wx[col] as number);
        const i = row * width + col;
        this.band[at] = (this.band[at] as number) + w * (rgb[i] as number);
        this.band[at + 1] = (this.band[at + 1] as number) + w * (rgb[plane + i] as number);
        this.band[at + 2] = (this.band[at + 2] as number) + w * (rgb[2 * plane + i] as number);
        this.band[at + 3] = (this.band[at + 3] as number) + w;
      }
    }
  }

  /** Writes output rows [top, until) as 8-bit RGB and moves the band down so `until` is its first row. */
  flush(until: number): void {
    const rows = until - this.top;
    for (let row = 0; row < rows; row += 1) {
      for (let col = 0; col < this.outWidth; col += 1) {
        const at = (row * this.outWidth + col) * 4;
        const w = (this.band[at + 3] as number) || 1;
        const o = ((this.top + row) * this.outWidth + col) * 3;
        for (let c = 0; c < 3; c += 1) this.out[o + c] = Math.round(Math.min(1, Math.max(0, (this.band[at + c] as number) / w)) * 255);
      }
    }
    this.band.copyWithin(0, rows * this.outWidth * 4);
    this.band.fill(0, (this.bandRows - rows) * this.outWidth * 4);
    this.top = until;
  }
}
