import ort from 'onnxruntime-node';
import { AtelierError } from '../../../../preload/errors.js';
import type { DiffusionHostImage, DiffusionHostParams } from './diffusion-host-api.js';
import { floatsOf, floatTensor, type DiffusionModel } from './diffusion-model.js';
import { imageToTensor, rgbToPng, tensorToRgb } from './image-tensors.js';
import { latentPreviewJpeg } from './latent-preview.js';
import { PreviewPump } from './preview-pump.js';
import { pasteBack, prepareInpaint, reblend, unetSample, type InpaintState } from './masked-diffusion.js';
import { SCHEDULERS } from './schedulers/scheduler-for.js';
import { SeededNoise } from './seeded-noise.js';

const LATENT_CHANNELS = 4;
/** Fast models (SD-Turbo on a GPU, the test fixture) step faster than a screen needs pictures. */
const PREVIEW_INTERVAL_MS = 250;

/** After each step, in order; previews of earlier steps come between them, as they finish encoding. */
type StepReport =
  | { kind: 'step'; step: number; steps: number }
  /** The first picture's clean-latent guess after step `step`, as a small JPEG. */
  | { kind: 'preview'; step: number; preview: Uint8Array };

/** The i-th picture of a batch uses the request's seed plus i (wrapping like image-generation.ts's seedAt). */
const seedOf = (seed: number, index: number) => (seed + index) % 4_294_967_296;

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
}

async function run(part: { session: ort.InferenceSession }, feeds: Record<string, ort.Tensor>, what: string): Promise<ort.InferenceSession.ReturnType> {
  try {
    return await part.session.run(feeds);
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 300);
    throw new AtelierError('MODEL_INVALID', `The model's ${what} failed: ${reason}`);
  }
}

function output(result: ort.InferenceSession.ReturnType, name: string, what: string): ort.Tensor {
  const tensor = result[name];
  if (!tensor) throw new AtelierError('MODEL_INVALID', `The model's ${what} did not return "${name}".`);
  return tensor;
}

/** CLIP hidden states for a batch of prompts, [n, 77, hidden]. */
async function encodePrompts(model: DiffusionModel, prompts: string[]): Promise<{ data: Float32Array; dims: number[] }> {
  const { textEncoder: te } = model;
  const ids = prompts.map((p) => model.tokenizer.encode(p));
  const flat = new Int32Array(ids.length * 77);
  ids.forEach((row, i) => flat.set(row, i * 77));
  const type = te.types.get(te.ids);
  const tensor =
    type === 'int64'
      ? new ort.Tensor(
          'int64',
          BigInt64Array.from(flat, (v) => BigInt(v)),
          [prompts.length, 77],
        )
      : new ort.Tensor('int32', flat, [prompts.length, 77]);
  const hidden = output(await run(te, { [te.ids]: tensor }, 'text encoder'), te.hidden, 'text encoder');
  if (model.hiddenSize !== undefined && hidden.dims[2] !== model.hiddenSize) {
    throw new AtelierError(
      'MODEL_INVALID',
      `The text encoder gives ${hidden.dims[2]}-wide states but the UNet takes ${model.hiddenSize}: the parts are from different models.`,
    );
  }
  return { data: floatsOf(hidden).slice(), dims: [...hidden.dims] };
}

function timestepTensor(model: DiffusionModel, t: number): ort.Tensor {
  const { unet } = model;
  const type = unet.types.get(unet.timestep);
  const dims = unet.shapes.get(unet.timestep)?.length === 0 ? [] : [1];
  if (type === 'int64') return new ort.Tensor('int64', BigInt64Array.from([BigInt(Math.round(t))]), dims);
  if (type === 'int32') return new ort.Tensor('int32', Int32Array.from([Math.round(t)]), dims);
  return floatTensor(unet, unet.timestep, Float32Array.from([t]), dims);
}

/**
 * diffusers' get_guidance_scale_embedding(w − 1): sinusoidal features of 1000·(w − 1),
 * sin half then cos half, one row per picture, as LCM UNets take in `timestep_cond`.
 */
function guidanceEmbedding(model: DiffusionModel, guidance: number, count: number): ort.Tensor {
  const { unet } = model;
  const name = unet.timestepCond as string;
  const declared = unet.shapes.get(name)?.[1];
  const dim = typeof declared === 'number' ? declared : 256;
  const half = Math.floor(dim / 2);
  const w = (guidance - 1) * 1000;
  const row = new Float32Array(dim);
  const step = Math.log(10000) / (half - 1);
  for (let i = 0; i < half; i += 1) {
    const angle = w * Math.exp(-step * i);
    row[i] = Math.sin(angle);
    row[half + i] = Math.cos(angle);
  }
  return floatTensor(unet, name, repeatRows(row, dim, count), [count, dim]);
}

/** Repeats `rows` (each `size` long) `times` times each: [a, b] × 2 → [a, a, b, b]. */
function repeatRows(data: Float32Array, size: number, times: number): Float32Array {
  const rows = data.length / size;
  const out = new Float32Array(data.length * times);
  for (let r = 0; r < rows; r += 1) for (let k = 0; k < times; k += 1) out.set(data.subarray(r * size, (r + 1) * size), (r * times + k) * size);
  return out;
}

/** The starting latent of an img2img run: the VAE encoder's mean (its first 4 channels), scaled. */
async function encodeImage(model: DiffusionModel, image: Uint8Array, width: number, height: number): Promise<Float32Array> {
  return encodePixels(model, await imageToTensor(image, width, height), width, height);
}

async function encodePixels(model: DiffusionModel, pixels: Float32Array, width: number, height: number): Promise<Float32Array> {
  const encoder = model.vaeEncoder;
  if (!encoder)
    throw new AtelierError(
      'MODEL_UNSUPPORTED',
      `${model.dir} has no vae_encoder, so it cannot start from a picture (img2img). Leave the starting picture out.`,
    );
  const result = output(
    await run(encoder, { [encoder.image]: floatTensor(encoder, encoder.image, pixels, [1, 3, height, width]) }, 'VAE encoder'),
    encoder.latent,
    'VAE encoder',
  );
  const moments = floatsOf(result);
  const plane = (width / 8) * (height / 8);
  if (result.dims[1] !== LATENT_CHANNELS && result.dims[1] !== LATENT_CHANNELS * 2) {
    throw new AtelierError(
      'MODEL_UNSUPPORTED',
      `The VAE encoder gives ${result.dims[1]} channels; Atelier knows 4-channel latents (Stable Diffusion 1.x and 2.x).`,
    );
  }
  // Diffusers samples the latent distribution; its mean is the deterministic choice and what "strength 0" should keep.
  return moments.slice(0, LATENT_CHANNELS * plane).map((v) => v * model.scalingFactor);
}

/**
 * The step loop: encode the prompts, draw seeded noise (or noise the starting picture to
 * the strength's step), run the UNet with classifier-free guidance when guidance > 1,
 * let the scheduler step, report a preview, and decode each picture with the VAE.
 * Cancellation is checked between steps; a step itself runs to its end.
 */
export async function runDiffusion(
  model: DiffusionModel,
  request: DiffusionHostParams,
  signal: AbortSignal,
  onStep: (report: StepReport) => void,
): Promise<{ images: DiffusionHostImage[]; stepMs: number[] }> {
  const { width, height, count } = request;
  const lw = width / 8;
  const lh = height / 8;
  const latentSize = LATENT_CHANNELS * lw * lh;
  // LCM-distilled UNets take the guidance as an embedding: one batch, no unconditional half.
  const guided = request.guidance > 1 && model.unet.timestepCond === undefined;
  const scheduler = SCHEDULERS[request.scheduler](model.scheduler, request.steps);
  const streams = Array.from({ length: count }, (_, i) => new SeededNoise(seedOf(request.seed, i)));
  const noise = () => {
    const out = new Float32Array(latentSize * count);
    streams.forEach((stream, i) => stream.fillInto(out, i * latentSize, latentSize));
    return out;
  };

  const text = await encodePrompts(model, guided ? [request.negativePrompt, request.prompt] : [request.prompt]);
  const rowSize = (text.dims[1] as number) * (text.dims[2] as number);
  // UNet batch: [uncond × count, cond × count] with guidance, else [cond × count].
  const context = repeatRows(text.data, rowSize, count);
  const contextDims = [(guided ? 2 : 1) * count, text.dims[1] as number, text.dims[2] as number];
  checkCancelled(signal);

  let inpaint: InpaintState | undefined;
  if (request.mask && request.initImage) {
    inpaint = await prepareInpaint(model, { ...request, initImage: request.initImage, mask: request.mask }, (pixels) =>
      encodePixels(model, pixels, width, height),
    );
  } else if (model.unetChannels === 9) {
    throw new AtelierError('MODEL_UNSUPPORTED', `${model.dir} is an inpainting model: it repaints part of a picture, given the picture and a mask.`);
  }
  // Masked img2img puts the kept area back noised with the same noise each step, as diffusers does.
  const blendNoise = inpaint?.channels === 4 ? noise() : new Float32Array(0);
  checkCancelled(signal);

  let start = 0;
  let latents: Float32Array;
  // Inpainting at full strength starts from pure noise (diffusers' is_strength_max), below it from the noised picture.
  const strength = request.strength ?? (inpaint ? 1 : undefined);
  if (inpaint && strength !== undefined && strength >= 1) {
    latents = noise().map((v) => v * scheduler.initNoiseSigma);
  } else if (request.initImage && strength !== undefined) {
    const clean = inpaint?.clean ?? (await encodeImage(model, request.initImage, width, height));
    const batch = repeatRows(clean, latentSize, count);
    const kept = Math.min(Math.floor(request.steps * strength), request.steps);
    start = request.steps - kept;
    latents = start < request.steps ? scheduler.addNoise(batch, noise(), start) : batch;
  } else {
    latents = noise().map((v) => v * scheduler.initNoiseSigma);
  }

  const stepMs: number[] = [];
  let lastPreview = -Infinity;
  const total = request.steps - start;
  const previews = new PreviewPump(
    (denoised) => latentPreviewJpeg(denoised, 0, lw, lh),
    (step, preview) => onStep({ kind: 'preview', step, preview }),
  );
  const { unet } = model;
  // The prompt's states (and an LCM's guidance embedding) are the same every step: made once,
  // not converted again per step (a float16 UNet would otherwise get them re-encoded each time).
  const fixedFeeds: Record<string, ort.Tensor> = { [unet.context]: floatTensor(unet, unet.context, context, contextDims) };
  if (unet.timestepCond) fixedFeeds[unet.timestepCond] = guidanceEmbedding(model, request.guidance, count);
  try {
    for (let index = start; index < request.steps; index += 1) {
      checkCancelled(signal);
      const began = performance.now();
      const scaled = scheduler.scaleModelInput(latents, index);
      const rows = (guided ? 2 : 1) * count;
      const input = unetSample(inpaint, guided ? concat(scaled, scaled) : scaled, rows);
      const feeds: Record<string, ort.Tensor> = {
        ...fixedFeeds,
        [unet.sample]: floatTensor(unet, unet.sample, input.data, [rows, input.channels, lh, lw]),
        [unet.timestep]: timestepTensor(model, scheduler.timesteps[index] as number),
      };
      const predicted = floatsOf(output(await run(unet, feeds, 'UNet'), unet.output, 'UNet'));
      let guidedOutput = predicted;
      if (guided) {
        const half = latentSize * count;
        guidedOutput = new Float32Array(half);
        for (let i = 0; i < half; i += 1) {
          const uncond = predicted[i] as number;
          guidedOutput[i] = uncond + request.guidance * ((predicted[half + i] as number) - uncond);
        }
      }
      const { prev, denoised } = scheduler.step(guidedOutput, index, latents, noise);
      latents = reblend(inpaint, prev, blendNoise, scheduler, index + 1, request.steps);
      stepMs.push(performance.now() - began);
      const step = index - start + 1;
      // The last step's picture comes decoded by the VAE a moment later, so it gets no preview.
      onStep({ kind: 'step', step, steps: total });
      if (request.previews && step < total && performance.now() - lastPreview >= PREVIEW_INTERVAL_MS) {
        lastPreview = performance.now();
        previews.offer(step, denoised);
      }
    }
    // The decoded pictures are next: a preview still waiting would only show an older state.
    void previews.close();

    const images: DiffusionHostImage[] = [];
    const decoder = model.vaeDecoder;
    for (let i = 0; i < count; i += 1) {
      checkCancelled(signal);
      const latent = latents.subarray(i * latentSize, (i + 1) * latentSize).map((v) => v / model.scalingFactor);
      const decoded = output(
        await run(decoder, { [decoder.latent]: floatTensor(decoder, decoder.latent, latent, [1, LATENT_CHANNELS, lh, lw]) }, 'VAE decoder'),
        decoder.image,
        'VAE decoder',
      );
      if (decoded.dims[1] !== 3 || decoded.dims[2] !== height || decoded.dims[3] !== width) {
        throw new AtelierError('MODEL_UNSUPPORTED', `The VAE decoder made a ${decoded.dims.join('×')} picture, not 3×${height}×${width}.`);
      }
      const rgb = tensorToRgb(floatsOf(decoded), 0, width, height);
      if (inpaint) {
        const { original } = inpaint;
        images.push({ png: await pasteBack(inpaint, rgb, width, height), seed: seedOf(request.seed, i), width: original.width, height: original.height });
      } else {
        images.push({ png: await rgbToPng(rgb, width, height), seed: seedOf(request.seed, i), width, height });
      }
    }
    return { images, stepMs };
  } finally {
    // Also on a failure or a cancel: no preview event may follow the host's answer.
    await previews.close();
  }
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
