import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';
import { IMAGE_LIMITS } from '../../../../preload/schemas/image.js';
import { axisWeights, BlendBand, tileRows } from './upscale-tiles.js';

/** Planar RGB floats in 0…1 ([3, height, width]), the layout upscaler graphs take and give. */
export interface PlanarRgb {
  rgb: Float32Array;
  width: number;
  height: number;
}

/** Runs the network on one tile; the bench hands in raw InferenceSession.run here. */
export type TileRunner = (tile: PlanarRgb) => Promise<PlanarRgb>;

interface TileOptions {
  /** Tile edge in input pixels. */
  tile: number;
  /** Pixels neighbouring tiles share, in input pixels. */
  overlap: number;
}

export const DEFAULT_TILING: TileOptions = { tile: 192, overlap: 16 };

interface Rgb8 {
  data: Uint8Array;
  width: number;
  height: number;
}

function tileOf(pixels: Rgb8, x: number, y: number, width: number, height: number): PlanarRgb {
  const plane = width * height;
  const rgb = new Float32Array(plane * 3);
  for (let row = 0; row < height; row += 1) {
    for (let col = 0; col < width; col += 1) {
      const from = ((y + row) * pixels.width + x + col) * 3;
      const i = row * width + col;
      rgb[i] = (pixels.data[from] as number) / 255;
      rgb[plane + i] = (pixels.data[from + 1] as number) / 255;
      rgb[2 * plane + i] = (pixels.data[from + 2] as number) / 255;
    }
  }
  return { rgb, width, height };
}

/**
 * One pass of the network over a picture, tile by tile, blended (upscale-tiles.ts). The
 * network's scale is learned from the first tile's answer, so ×2 and ×4 graphs both work.
 */
export async function upscalePass(
  pixels: Rgb8,
  run: TileRunner,
  options: TileOptions,
  signal?: AbortSignal,
  onTile?: (done: number, total: number) => void,
): Promise<Rgb8 & { scale: number }> {
  const rows = tileRows(pixels.width, pixels.height, options.tile, options.overlap);
  const total = rows.length * (rows[0]?.length ?? 0);
  let scale = 0;
  let band: BlendBand | undefined;
  let out = new Uint8Array(0);
  let done = 0;
  for (const [r, row] of rows.entries()) {
    for (const [c, tile] of row.entries()) {
      signal?.throwIfAborted();
      const result = await run(tileOf(pixels, tile.x, tile.y, tile.width, tile.height));
      if (!band) {
        scale = result.width / tile.width;
        if (!Number.isInteger(scale) || scale < 1 || result.height !== tile.height * scale || result.rgb.length !== result.width * result.height * 3) {
          throw new AtelierError(
            'MODEL_UNSUPPORTED',
            `The upscaler turned a ${tile.width}×${tile.height} tile into ${result.width}×${result.height}; it must scale both sides by one whole number.`,
          );
        }
        const outWidth = pixels.width * scale;
        out = new Uint8Array(outWidth * pixels.height * scale * 3);
        band = new BlendBand(outWidth, Math.min(options.tile, pixels.height) * scale, out);
      } else if (result.width !== tile.width * scale || result.height !== tile.height * scale) {
        throw new AtelierError(
          'MODEL_UNSUPPORTED',
          `The upscaler answered a ${result.width}×${result.height} tile where ${tile.width * scale}×${tile.height * scale} was due.`,
        );
      }
      const left = row[c - 1];
      const right = row[c + 1];
      const above = rows[r - 1]?.[0];
      const below = rows[r + 1]?.[0];
      const wx = axisWeights(result.width, left ? (left.x + left.width - tile.x) * scale : 0, right ? (tile.x + tile.width - right.x) * scale : 0);
      const wy = axisWeights(result.height, above ? (above.y + above.height - tile.y) * scale : 0, below ? (tile.y + tile.height - below.y) * scale : 0);
      band.add(result.rgb, tile.x * scale, tile.y * scale, result.width, result.height, wx, wy);
      done += 1;
      onTile?.(done, total);
    }
    const next = rows[r + 1]?.[0];
    band?.flush(next ? next.y * scale : pixels.height * scale);
  }
  return { data: out, width: pixels.width * scale, height: pixels.height * scale, scale };
}

/**
 * Upscales a picture (PNG, JPEG, WebP…) by `scale` with a network: as many passes as it takes
 * to reach the scale, then Lanczos down to it exactly when a pass overshoots (a ×4 graph
 * asked for ×2). Alpha, which the networks do not see, is scaled with Lanczos. Returns PNG bytes.
 */
export async function upscaleWithNetwork(
  input: Uint8Array,
  scale: number,
  run: TileRunner,
  options: TileOptions = DEFAULT_TILING,
  signal?: AbortSignal,
  onProgress?: (fraction: number, detail: string) => void,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const { source, meta, width, height } = await targetSize(input, scale);
  const raw = await source.clone().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let pixels: Rgb8 = { data: raw.data, width: raw.info.width, height: raw.info.height };
  let reached = 1;
  for (let pass = 1; reached < scale; pass += 1) {
    const done = await upscalePass(pixels, run, options, signal, (tiles, total) =>
      onProgress?.(Math.min(0.99, tiles / total), `Pass ${pass}, tile ${tiles} of ${total}`),
    );
    pixels = done;
    reached *= done.scale;
    if (done.scale === 1) throw new AtelierError('MODEL_UNSUPPORTED', 'The upscaler does not make pictures any larger.');
  }
  let image = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } });
  if (pixels.width !== width || pixels.height !== height)
    image = sharp(await image.resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).png().toBuffer());
  if (meta.hasAlpha) {
    const alpha = await source.clone().ensureAlpha().extractChannel(3).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
    image = image.joinChannel(alpha, { raw: { width, height, channels: 1 } });
  }
  const png = await image.png({ compressionLevel: 6 }).toBuffer();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width, height };
}

/** The decoded picture's size times `scale`, refused past the largest picture Atelier makes. */
async function targetSize(input: Uint8Array, scale: number) {
  const source = sharp(input, { limitInputPixels: 16384 * 16384 }).rotate();
  const meta = await source.metadata().catch((error: Error) => {
    throw new AtelierError('UNSUPPORTED', `This picture cannot be read: ${error.message}.`);
  });
  // EXIF orientations 5–8 turn the picture a quarter, so rotate() swaps its sides.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = Math.round((turned ? meta.height : meta.width) * scale);
  const height = Math.round((turned ? meta.width : meta.height) * scale);
  if (width > IMAGE_LIMITS.size.max || height > IMAGE_LIMITS.size.max) {
    throw new AtelierError('TOO_LARGE', `Upscaling ×${scale} would make a ${width}×${height} picture; the largest side is ${IMAGE_LIMITS.size.max} pixels.`);
  }
  return { source, meta, width, height };
}

/** The no-model path: Lanczos, as the Image tab's plain Upscale always did. */
export async function upscaleLanczos(input: Uint8Array, scale: number): Promise<{ png: Uint8Array; width: number; height: number }> {
  const { source, width, height } = await targetSize(input, scale);
  const png = await source.resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).png({ compressionLevel: 6 }).toBuffer();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width, height };
}
