import fs from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
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
  file: string;
}

/**
 * Opens an upscaler graph on the CPU and learns its input and output names and precision
 * from the session (exports name them "input"/"output", "image"/"upscaled_image" or
 * "input.1"/"…"), so any single-input, single-output 4-D graph will do.
 */
export async function loadUpscaler(file: string): Promise<UpscalerModel> {
  const label = path.basename(file);
  if (!(await fs.stat(file).catch(() => null))?.isFile()) throw new AtelierError('MODEL_NOT_FOUND', `There is no upscaler model at ${file}.`);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  } catch (error) {
    throw new AtelierError('MODEL_INVALID', `${label} could not be loaded by ONNX Runtime: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  const input = session.inputMetadata[0];
  const output = session.outputMetadata[0];
  const fourD = (meta: ort.InferenceSession.ValueMetadata | undefined) =>
    meta?.isTensor && meta.shape.length === 4 && (meta.type === 'float32' || meta.type === 'float16');
  if (session.inputMetadata.length !== 1 || !fourD(input) || !fourD(output) || !input || !output) {
    await session.release();
    throw new AtelierError('MODEL_UNSUPPORTED', `${label} is not an image upscaler: Atelier needs one float image input [1,3,H,W] and one float image output.`);
  }
  return { session, input: input.name, output: output.name, half: input.isTensor && input.type === 'float16', file };
}

/** One tile through the graph: the engine's own runner (the bench compares it with a bare session.run). */
export function tileRunner(model: UpscalerModel): TileRunner {
  return async (tile: PlanarRgb): Promise<PlanarRgb> => {
    const dims = [1, 3, tile.height, tile.width];
    const feed = model.half ? new ort.Tensor('float16', floatsToHalf(tile.rgb), dims) : new ort.Tensor('float32', tile.rgb, dims);
    const results = await model.session.run({ [model.input]: feed });
    const out = results[model.output];
    if (!out) throw new AtelierError('MODEL_UNSUPPORTED', `${path.basename(model.file)} gave no "${model.output}".`);
    const rgb = out.type === 'float16' ? halfToFloats(out.data as Uint16Array) : (out.data as Float32Array);
    feed.dispose();
    return { rgb, width: out.dims[3] as number, height: out.dims[2] as number };
  };
}
