import fs from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { createOnnxSession } from '../../../platform/onnx-session.js';
import { AtelierError } from '../../../../preload/errors.js';
import { floatsToHalf, halfToFloats } from '../diffusion/half-float.js';
import type { PlanarRgb, TileRunner } from './upscale-image.js';

/** An opened Real-ESRGAN-style graph: [1,3,H,W] in 0…1 in, [1,3,sH,sW] out, float32 or float16. */
export interface UpscalerModel {
  session: ort.InferenceSession;
  input: string;
  output: string;
  /** float16 exports take and give half floats. */
  half: boolean;
  /**
   * The one input size a static export accepts (Qualcomm's Real-ESRGAN takes only 128×128,
   * some community exports only 64×64); null when height and width are free.
   */
  fixed: { width: number; height: number } | null;
  file: string;
}

/** A fixed side from the graph's declared shape: a positive number, not a symbolic name. */
function fixedSide(value: number | string | undefined): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * Opens an upscaler graph on the CPU and learns its input and output names, precision and
 * any fixed input size from the session (exports name them "input"/"output",
 * "image"/"upscaled_image" or "input.1"/"…"), so any single-input, single-output 4-D graph will do.
 */
export async function loadUpscaler(file: string): Promise<UpscalerModel> {
  const label = path.basename(file);
  if (!(await fs.stat(file).catch(() => null))?.isFile()) throw new AtelierError('MODEL_NOT_FOUND', `There is no upscaler model at ${file}.`);
  let session: ort.InferenceSession;
  try {
    session = await createOnnxSession(file, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  } catch (error) {
    throw new AtelierError('MODEL_INVALID', `${label} could not be loaded by ONNX Runtime: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  const input = session.inputMetadata[0];
  const output = session.outputMetadata[0];
  const fourD = (meta: ort.InferenceSession.ValueMetadata | undefined) =>
    meta?.isTensor && meta.shape.length === 4 && (meta.type === 'float32' || meta.type === 'float16');
  if (session.inputMetadata.length !== 1 || !fourD(input) || !fourD(output) || !input || !output || !input.isTensor) {
    await session.release();
    throw new AtelierError('MODEL_UNSUPPORTED', `${label} is not an image upscaler: Atelier needs one float image input [1,3,H,W] and one float image output.`);
  }
  const height = fixedSide(input.shape[2]);
  const width = fixedSide(input.shape[3]);
  // One side fixed and the other free is not a shape any upscaler export has; tiles are square.
  const fixed = height !== null && width !== null ? { width, height } : null;
  return { session, input: input.name, output: output.name, half: input.type === 'float16', fixed, file };
}

/**
 * The tiling to use with a model: a static export's tiles can be no larger than its one
 * input size (smaller ones are padded up to it), and their overlap shrinks with them.
 */
export function tilingFor(model: UpscalerModel, wanted: { tile: number; overlap: number }): { tile: number; overlap: number } {
  if (!model.fixed) return wanted;
  const tile = Math.min(wanted.tile, model.fixed.width, model.fixed.height);
  return { tile, overlap: Math.min(wanted.overlap, Math.floor(tile / 4)) };
}

/**
 * A tile grown to `width` × `height` by repeating its last column and row. Edge tiles and
 * small pictures need it: a static export takes one size only, and the ×2 Real-ESRGAN
 * graphs fold pixels in 2×2 blocks (pixel unshuffle), so they refuse an odd side.
 */
function padTile(tile: PlanarRgb, width: number, height: number): PlanarRgb {
  if (width === tile.width && height === tile.height) return tile;
  const rgb = new Float32Array(width * height * 3);
  for (let c = 0; c < 3; c += 1) {
    const from = c * tile.width * tile.height;
    const to = c * width * height;
    for (let y = 0; y < height; y += 1) {
      const sy = Math.min(y, tile.height - 1);
      for (let x = 0; x < width; x += 1) rgb[to + y * width + x] = tile.rgb[from + sy * tile.width + Math.min(x, tile.width - 1)] as number;
    }
  }
  return { rgb, width, height };
}

/** The top-left `width` × `height` of a planar RGB picture (the part that answers the unpadded tile). */
function cropTile(picture: PlanarRgb, width: number, height: number): PlanarRgb {
  if (width === picture.width && height === picture.height) return picture;
  const rgb = new Float32Array(width * height * 3);
  for (let c = 0; c < 3; c += 1) {
    for (let y = 0; y < height; y += 1) {
      const from = c * picture.width * picture.height + y * picture.width;
      rgb.set(picture.rgb.subarray(from, from + width), c * width * height + y * width);
    }
  }
  return { rgb, width, height };
}

/** One tile through the graph: the engine's own runner (the bench compares it with a bare session.run). */
export function tileRunner(model: UpscalerModel): TileRunner {
  const label = path.basename(model.file);
  return async (tile: PlanarRgb): Promise<PlanarRgb> => {
    if (model.fixed && (tile.width > model.fixed.width || tile.height > model.fixed.height)) {
      throw new AtelierError(
        'MODEL_UNSUPPORTED',
        `${label} takes ${model.fixed.width}×${model.fixed.height} tiles only; a ${tile.width}×${tile.height} tile cannot go through it.`,
      );
    }
    const padded = padTile(tile, model.fixed?.width ?? tile.width + (tile.width % 2), model.fixed?.height ?? tile.height + (tile.height % 2));
    const dims = [1, 3, padded.height, padded.width];
    const feed = model.half ? new ort.Tensor('float16', floatsToHalf(padded.rgb), dims) : new ort.Tensor('float32', padded.rgb, dims);
    const results = await model.session.run({ [model.input]: feed });
    feed.dispose();
    const out = results[model.output];
    if (!out) throw new AtelierError('MODEL_UNSUPPORTED', `${label} gave no "${model.output}".`);
    const answer = {
      rgb: out.type === 'float16' ? halfToFloats(out.data as Uint16Array) : (out.data as Float32Array),
      width: out.dims[3] as number,
      height: out.dims[2] as number,
    };
    if (padded === tile) return answer;
    // The scale is whatever the graph made of the padded tile; the caller checks it is whole.
    const scale = answer.width / padded.width;
    if (!Number.isInteger(scale) || answer.height !== padded.height * scale) return answer;
    return cropTile(answer, tile.width * scale, tile.height * scale);
  };
}
