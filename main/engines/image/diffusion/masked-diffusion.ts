import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';
import type { DiffusionHostParams } from './diffusion-host-api.js';
import type { DiffusionModel } from './diffusion-model.js';
import { imageToTensor, rgbToPng } from './image-tensors.js';
import { checkMaskNotEmpty, featherInward, latentMask, pasteOver, readMask, readRgb } from './inpaint-mask.js';
import type { Scheduler } from './schedulers/scheduler.js';

const LATENT_CHANNELS = 4;
/** At the working size any touched pixel repaints its latent cell, so a thin stroke still changes. */
const TOUCHED = 0.01;

/**
 * What an inpainting run carries through its steps: the mask at latent size, the picture's own
 * latents (the 4-channel re-blend), the masked picture's latents (the 9-channel UNet's extra
 * input), and the original with its feathered mask for pasting the result back.
 */
export interface InpaintState {
  channels: 4 | 9;
  mask: Float32Array;
  clean: Float32Array;
  maskedLatents: Float32Array;
  original: { rgb: Buffer; width: number; height: number };
  alpha: Float32Array;
}

/** Feather radius when the request names none: about 1.5 % of the shorter side. */
const defaultFeather = (width: number, height: number) => Math.max(2, Math.round(Math.min(width, height) / 64));

export async function prepareInpaint(
  model: DiffusionModel,
  request: DiffusionHostParams & { initImage: Uint8Array; mask: Uint8Array },
  encode: (pixels: Float32Array) => Promise<Float32Array>,
): Promise<InpaintState> {
  if (!model.vaeEncoder) {
    throw new AtelierError('MODEL_UNSUPPORTED', `${model.dir} has no vae_encoder, so it cannot inpaint or outpaint: use a model folder that has one.`);
  }
  const { width, height } = request;
  const original = await readRgb(request.initImage);
  const full = await readMask(request.mask, original.width, original.height);
  checkMaskNotEmpty(full);
  const alpha = await featherInward(full, original.width, original.height, request.feather ?? defaultFeather(original.width, original.height));
  const working = await readMask(request.mask, width, height);
  const mask = latentMask(working, width, height, TOUCHED);
  const pixels = await imageToTensor(request.initImage, width, height, 'fill');
  const clean = await encode(pixels);
  let maskedLatents: Float32Array = new Float32Array(0);
  if (model.unetChannels === 9) {
    // diffusers: masked_image = image · (mask < 0.5), in −1…1, so the hole is mid-grey.
    const plane = width * height;
    const masked = pixels.slice();
    for (let p = 0; p < plane; p += 1) if ((working[p] as number) >= 0.5) for (let c = 0; c < 3; c += 1) masked[c * plane + p] = 0;
    maskedLatents = await encode(masked);
  }
  return { channels: model.unetChannels, mask, clean, maskedLatents, original, alpha };
}

/** The UNet's `sample` for `rows` pictures: the latents, or for a 9-channel UNet [latent, mask, masked latents] per row. */
export function unetSample(state: InpaintState | undefined, scaled: Float32Array, rows: number): { data: Float32Array; channels: number } {
  if (!state || state.channels === 4) return { data: scaled, channels: LATENT_CHANNELS };
  const plane = state.mask.length;
  const out = new Float32Array(rows * 9 * plane);
  for (let r = 0; r < rows; r += 1) {
    const at = r * 9 * plane;
    out.set(scaled.subarray(r * 4 * plane, (r + 1) * 4 * plane), at);
    out.set(state.mask, at + 4 * plane);
    out.set(state.maskedLatents, at + 5 * plane);
  }
  return { data: out, channels: 9 };
}

/**
 * Masked img2img for ordinary UNets: after each step the kept area is put back as the original's
 * latents noised to the next step's level (clean after the last), so only the mask is generated.
 */
export function reblend(
  state: InpaintState | undefined,
  latents: Float32Array,
  noise: Float32Array,
  scheduler: Scheduler,
  next: number,
  steps: number,
): Float32Array {
  if (!state || state.channels === 9) return latents;
  const plane = state.mask.length;
  const size = LATENT_CHANNELS * plane;
  const cleanBatch = new Float32Array(latents.length);
  for (let r = 0; r < latents.length / size; r += 1) cleanBatch.set(state.clean, r * size);
  const known = next < steps ? scheduler.addNoise(cleanBatch, noise, next) : cleanBatch;
  const out = new Float32Array(latents.length);
  for (let i = 0; i < latents.length; i += 1) {
    const m = state.mask[i % plane] as number;
    out[i] = m * (latents[i] as number) + (1 - m) * (known[i] as number);
  }
  return out;
}

/** The decoded picture brought to the original's size and pasted over it through the feathered mask. */
export async function pasteBack(state: InpaintState, rgb: Buffer, width: number, height: number): Promise<Uint8Array> {
  const { original } = state;
  const made =
    width === original.width && height === original.height
      ? rgb
      : await sharp(rgb, { raw: { width, height, channels: 3 } })
          .resize(original.width, original.height, { fit: 'fill', kernel: 'lanczos3' })
          .raw()
          .toBuffer();
  return rgbToPng(pasteOver(original.rgb, made, state.alpha), original.width, original.height);
}
