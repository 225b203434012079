import fs from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { createOnnxSession } from '../../../platform/onnx-session.js';
import { AtelierError } from '../../../../preload/errors.js';
import { checkDiffusersFolder } from '../../../platform/formats/diffusers-folder.js';
import { ClipTokenizer } from './clip-tokenizer.js';
import { floatsToHalf, halfToFloats } from './half-float.js';
import { DEFAULT_SCHEDULER_CONFIG, SchedulerConfigSchema, type SchedulerConfig } from './schedulers/noise-schedule.js';

/** Where the step loop runs: the CPU unless the user asked for a GPU in Settings. */
export type DiffusionDevice = 'cpu' | 'gpu';

/** One graph's session with the names and element types its export really uses. */
export interface Part {
  session: ort.InferenceSession;
  types: ReadonlyMap<string, ort.Tensor.Type>;
  shapes: ReadonlyMap<string, readonly (number | string)[]>;
}

export interface DiffusionModel {
  dir: string;
  device: DiffusionDevice;
  /** The execution provider the sessions run on ("cpu", "cuda", "webgpu"). */
  provider: string;
  /** Why a GPU request ended on the CPU, for the job's detail line. */
  note?: string;
  tokenizer: ClipTokenizer;
  scheduler: SchedulerConfig;
  /** Latents are scaled by this before the UNet sees them (SD 1.x/2.x: 0.18215). */
  scalingFactor: number;
  hiddenSize: number | undefined;
  textEncoder: Part & { ids: string; hidden: string };
  /** `timestepCond`: LCM-distilled UNets take the guidance scale as an embedding instead of a second batch. */
  unet: Part & { sample: string; timestep: string; context: string; output: string; timestepCond?: string };
  /** The UNet's `sample` channels: 4, or 9 for an inpainting UNet (latent, mask, masked-image latents). */
  unetChannels: 4 | 9;
  vaeDecoder: Part & { latent: string; image: string };
  vaeEncoder?: Part & { image: string; latent: string };
}

/**
 * Providers that choose their own adapter and will take a software one (WebGPU's Dawn on a
 * Vulkan lavapipe, DirectML on the Basic Render Driver): slower than the CPU path, so they
 * are tried only when a real GPU was found. CUDA and Core ML need real hardware to start at all.
 */
const ADAPTER_PICKING = new Set(['webgpu', 'dml']);

/** onnxruntime-node's GPU providers on this platform, most capable first, and why any were left out. */
export function gpuProviders(supported: readonly string[], hardwareGpu: boolean | undefined): { providers: string[]; skipped: string[] } {
  const available = ['cuda', 'dml', 'coreml', 'webgpu'].filter((name) => supported.includes(name));
  const providers = available.filter((name) => hardwareGpu !== false || !ADAPTER_PICKING.has(name));
  return { providers, skipped: available.filter((name) => !providers.includes(name)) };
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function openPart(dir: string, label: string, part: string, providers: string[]): Promise<Part> {
  const file = path.join(dir, part, 'model.onnx');
  let session: ort.InferenceSession;
  try {
    session = await createOnnxSession(file, { executionProviders: providers, graphOptimizationLevel: 'all' });
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 300);
    throw new AtelierError('MODEL_INVALID', `${label}/${part}/model.onnx could not be loaded by ONNX Runtime: ${reason}`);
  }
  const types = new Map<string, ort.Tensor.Type>();
  const shapes = new Map<string, readonly (number | string)[]>();
  for (const meta of [...session.inputMetadata, ...session.outputMetadata]) {
    if (meta.isTensor) {
      types.set(meta.name, meta.type);
      shapes.set(meta.name, meta.shape);
    }
  }
  return { session, types, shapes };
}

/** The input or output called `preferred`, else the only/first one, else a MODEL_INVALID that names the part. */
function pick(names: readonly string[], preferred: readonly string[], what: string): string {
  const found = preferred.find((name) => names.includes(name)) ?? (preferred.length === 0 ? names[0] : undefined);
  if (!found)
    throw new AtelierError('MODEL_INVALID', `${what} has no ${preferred.map((n) => `"${n}"`).join(' or ')} (it has ${names.join(', ') || 'nothing'}).`);
  return found;
}

async function openAll(dir: string, label: string, providers: string[], hasEncoder: boolean) {
  const textEncoder = await openPart(dir, label, 'text_encoder', providers);
  const unet = await openPart(dir, label, 'unet', providers);
  const vaeDecoder = await openPart(dir, label, 'vae_decoder', providers);
  const vaeEncoder = hasEncoder ? await openPart(dir, label, 'vae_encoder', providers) : undefined;
  return { textEncoder, unet, vaeDecoder, vaeEncoder };
}

/**
 * Opens a diffusers ONNX folder: checks every part is there (naming the missing one),
 * reads the tokenizer and configs, creates the sessions on the chosen device, and learns
 * each graph's input and output names and types from the sessions themselves.
 */
export async function loadDiffusionModel(dir: string, device: DiffusionDevice, hardwareGpu?: boolean): Promise<DiffusionModel> {
  const label = path.basename(dir);
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) throw new AtelierError('MODEL_NOT_FOUND', `There is no diffusion model folder at ${dir}.`);
  await checkDiffusersFolder(dir, label);
  const tokenizer = await ClipTokenizer.fromFolder(path.join(dir, 'tokenizer'), `${label}/tokenizer`);
  const schedulerRaw = await readJson(path.join(dir, 'scheduler', 'scheduler_config.json'));
  const parsed = SchedulerConfigSchema.safeParse(schedulerRaw ?? {});
  if (!parsed.success)
    throw new AtelierError(
      'MODEL_INVALID',
      `${label}/scheduler/scheduler_config.json has values Atelier cannot use: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
    );
  const scheduler = schedulerRaw ? parsed.data : DEFAULT_SCHEDULER_CONFIG;
  const vaeConfig = await readJson(path.join(dir, 'vae_decoder', 'config.json'));
  const scalingFactor = typeof vaeConfig?.scaling_factor === 'number' && vaeConfig.scaling_factor > 0 ? vaeConfig.scaling_factor : 0.18215;
  const unetConfig = await readJson(path.join(dir, 'unet', 'config.json'));
  const hasEncoder = (await fs.stat(path.join(dir, 'vae_encoder', 'model.onnx')).catch(() => null))?.isFile() ?? false;

  let provider = 'cpu';
  let note: string | undefined;
  let parts: Awaited<ReturnType<typeof openAll>> | undefined;
  if (device === 'gpu') {
    const { providers: candidates, skipped } = gpuProviders(
      ort.listSupportedBackends().map((b) => b.name),
      hardwareGpu,
    );
    for (const candidate of candidates) {
      try {
        parts = await openAll(dir, label, [candidate], hasEncoder);
        provider = candidate;
        break;
      } catch {
        // The next provider, or the CPU, below.
      }
    }
    if (!parts) {
      const notes = [
        skipped.length > 0 ? `no hardware GPU was found (a software renderer such as lavapipe is not one), so ${skipped.join(' and ')} stayed off` : '',
        candidates.length > 0 ? `${candidates.join(', ')} could not start here` : '',
      ].filter(Boolean);
      note = `${notes.join('; ') || 'no GPU provider in this ONNX Runtime build'}; running on the CPU`;
    }
  }
  parts ??= await openAll(dir, label, ['cpu'], hasEncoder);

  const te = parts.textEncoder.session;
  const un = parts.unet.session;
  const vd = parts.vaeDecoder.session;
  const ve = parts.vaeEncoder?.session;
  const model: DiffusionModel = {
    dir,
    device,
    provider,
    ...(note && { note }),
    tokenizer,
    scheduler,
    scalingFactor,
    hiddenSize: undefined,
    unetChannels: 4,
    textEncoder: {
      ...parts.textEncoder,
      ids: pick(te.inputNames, ['input_ids'], `${label}/text_encoder`),
      hidden: pick(te.outputNames, ['last_hidden_state', 'hidden_states'], `${label}/text_encoder`),
    },
    unet: {
      ...parts.unet,
      sample: pick(un.inputNames, ['sample'], `${label}/unet`),
      timestep: pick(un.inputNames, ['timestep', 'timesteps', 't'], `${label}/unet`),
      context: pick(un.inputNames, ['encoder_hidden_states'], `${label}/unet`),
      output: pick(un.outputNames, ['out_sample', 'sample', 'noise_pred'], `${label}/unet`),
    },
    vaeDecoder: {
      ...parts.vaeDecoder,
      latent: pick(vd.inputNames, ['latent_sample', 'latent', 'z'], `${label}/vae_decoder`),
      image: pick(vd.outputNames, ['sample', 'image'], `${label}/vae_decoder`),
    },
    ...(parts.vaeEncoder &&
      ve && {
        vaeEncoder: {
          ...parts.vaeEncoder,
          image: pick(ve.inputNames, ['sample', 'image'], `${label}/vae_encoder`),
          latent: pick(ve.outputNames, ['latent_sample', 'latent_parameters', 'latent_dist'], `${label}/vae_encoder`),
        },
      }),
  };
  if (un.inputNames.includes('timestep_cond')) model.unet.timestepCond = 'timestep_cond';
  const known = new Set([model.unet.sample, model.unet.timestep, model.unet.context, model.unet.timestepCond]);
  const unknown = un.inputNames.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AtelierError(
      'MODEL_UNSUPPORTED',
      `${label}/unet needs inputs Atelier does not provide (${unknown.join(', ')}); SDXL and ControlNet pipelines are not supported yet, SD 1.x, SD 2.x, SD-Turbo and LCM are.`,
    );
  }
  model.unetChannels = unetChannelsOf(model.unet.shapes.get(model.unet.sample)?.[1], unetConfig?.in_channels, label);
  const hidden = model.unet.shapes.get(model.unet.context)?.[2];
  model.hiddenSize = typeof hidden === 'number' ? hidden : undefined;
  return model;
}

/** Real exports leave `sample`'s channels symbolic, so unet/config.json's in_channels settles it; a fixed dimension wins. */
function unetChannelsOf(declared: number | string | undefined, configured: unknown, label: string): 4 | 9 {
  const channels = typeof declared === 'number' ? declared : typeof configured === 'number' ? configured : 4;
  if (channels !== 4 && channels !== 9) {
    throw new AtelierError(
      'MODEL_UNSUPPORTED',
      `${label}/unet takes ${channels} input channels; Atelier runs 4 (Stable Diffusion) and 9 (its inpainting models).`,
    );
  }
  return channels;
}

export async function releaseDiffusionModel(model: DiffusionModel): Promise<void> {
  for (const part of [model.textEncoder, model.unet, model.vaeDecoder, model.vaeEncoder]) await part?.session.release();
}

/** A float tensor in whatever precision the graph's input takes. */
export function floatTensor(part: Part, name: string, data: Float32Array, dims: readonly number[]): ort.Tensor {
  return part.types.get(name) === 'float16' ? new ort.Tensor('float16', floatsToHalf(data), dims) : new ort.Tensor('float32', data, dims);
}

/** A graph output as float32, whatever precision it came in. */
export function floatsOf(tensor: ort.Tensor): Float32Array {
  if (tensor.type === 'float16') return halfToFloats(tensor.data as Uint16Array);
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  throw new AtelierError('MODEL_UNSUPPORTED', `a graph answered with ${tensor.type} values where Atelier expects floats.`);
}
