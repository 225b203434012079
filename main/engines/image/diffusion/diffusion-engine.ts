import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS, type DiffusionScheduler } from '../../../../preload/schemas/image.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import type { Logger } from '../../../platform/log.js';
import type { Engine } from '../../engine.js';
import type { EngineDescriptor } from '../../engine-registry.js';
import { DiffusionClient } from './diffusion-client.js';
import type { DiffusionHostEvent } from './diffusion-host-api.js';

export interface DiffusionRequest {
  modelDir: string;
  prompt: string;
  negativePrompt: string;
  width: number;
  height: number;
  steps: number;
  guidance: number;
  scheduler: DiffusionScheduler;
  seed: number;
  count: number;
  strength?: number;
  /** PNG or JPEG bytes for img2img. */
  initImage?: Uint8Array;
  /** Inpainting: white (or transparent) repaints initImage; the pictures come back at initImage's size. */
  mask?: Uint8Array;
  /** Pixels the repainted area fades over into the original. */
  feather?: number;
  /** Settings → Image device; the CPU when absent. A missing GPU provider falls back to the CPU with a note. */
  device?: 'cpu' | 'gpu';
  /** Whether a real GPU was found; false keeps providers that may land on a software renderer off. */
  hardwareGpu?: boolean;
}

interface DiffusionImage {
  png: Uint8Array;
  seed: number;
  width: number;
  height: number;
}

interface DiffusionResult {
  images: DiffusionImage[];
  timeMs: number;
  /** The execution provider that ran it: "cpu", "cuda"… */
  provider?: string;
  /** Wall time of each UNet step (the whole batch). */
  stepMs?: number[];
}

/** Host processes write their warnings here; the studio hands in its file log. */
let log: Logger = {
  info: () => undefined,
  warn: (area, message) => {
    if (process.env.ATELIER_DEBUG) process.stderr.write(`[${area}] ${message}\n`);
  },
  error: (area, message) => {
    if (process.env.ATELIER_DEBUG) process.stderr.write(`[${area}] ${message}\n`);
  },
  close: () => undefined,
};
let client: DiffusionClient | undefined;

export function useDiffusionLog(logger: Logger): void {
  log = logger;
}

function host(): DiffusionClient {
  client ??= new DiffusionClient(log);
  return client;
}

/** Ends the host process (and frees the model's memory); the next generation starts a new one. */
export async function stopDiffusionHost(): Promise<void> {
  const current = client;
  client = undefined;
  await current?.stop();
}

/** A model upscale in the host (tiled there; see upscale/upscale-image.ts), with a progress line per tile. */
export async function upscaleInHost(
  request: { modelFile: string; image: Uint8Array; scale: 2 | 3 | 4; tile?: number; overlap?: number },
  signal: AbortSignal,
  onProgress: (update: ProgressUpdate) => void,
): Promise<{ png: Uint8Array; width: number; height: number; timeMs: number }> {
  return host().upscale(request, signal, (event) => onProgress({ fraction: event.fraction, detail: event.detail }));
}

/** The host's pid while it runs, for tests that check a crash is survived. */
export function diffusionHostPid(): number | undefined {
  return client?.pid;
}

function previewDataUrl(jpeg: Uint8Array): string {
  return `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`;
}

function progressOf(event: DiffusionHostEvent): ProgressUpdate {
  if (event.kind === 'loaded') {
    const where = event.provider === 'cpu' ? 'the CPU' : event.provider.toUpperCase();
    return { fraction: 0, detail: `Model ready on ${where} in ${(event.loadMs / 1000).toFixed(1)} s${event.note ? ` (${event.note})` : ''}` };
  }
  // A preview shows an earlier step: it leaves the fraction and the line where the newest step put them.
  if (event.kind === 'preview') return { partial: { previewDataUrl: previewDataUrl(event.preview) } };
  return { fraction: event.step / event.steps, detail: `Step ${event.step} of ${event.steps}` };
}

/**
 * Stable Diffusion on onnxruntime-node, run in its own host process
 * (diffusion-host.ts): txt2img and img2img, seeded, with a preview per step.
 */
export const diffusionEngine: Engine<DiffusionRequest, DiffusionResult> = {
  id: 'diffusion',
  modality: 'image',
  name: 'Stable Diffusion (ONNX)',
  parameters: [
    { name: 'steps', label: 'Steps', type: 'integer', min: IMAGE_LIMITS.steps.min, max: IMAGE_LIMITS.steps.max, default: IMAGE_LIMITS.steps.default },
    {
      name: 'guidance',
      label: 'Guidance',
      type: 'number',
      min: IMAGE_LIMITS.guidance.min,
      max: IMAGE_LIMITS.guidance.max,
      step: 0.5,
      default: IMAGE_LIMITS.guidance.default,
    },
    { name: 'scheduler', label: 'Scheduler', type: 'enum', options: DIFFUSION_SCHEDULERS, default: 'euler-a' },
    {
      name: 'strength',
      label: 'Strength',
      type: 'number',
      min: IMAGE_LIMITS.strength.min,
      max: IMAGE_LIMITS.strength.max,
      step: 0.05,
      default: IMAGE_LIMITS.strength.default,
    },
    { name: 'count', label: 'Pictures', type: 'integer', min: IMAGE_LIMITS.count.min, max: IMAGE_LIMITS.count.max, default: IMAGE_LIMITS.count.default },
  ],
  availability: async () => ({ available: true }),
  async generate(request, signal, onProgress) {
    const started = performance.now();
    const result = await host().generate({ ...request, device: request.device ?? 'cpu' }, signal, (event) => onProgress(progressOf(event)));
    return { images: result.images, timeMs: Math.round(performance.now() - started), provider: result.provider, stepMs: result.stepMs };
  },
  async unload() {
    await stopDiffusionHost();
  },
};

/** The engine as the studio lists it: available once an image model is installed. */
export function diffusionDescriptor(imageModels: () => number): EngineDescriptor {
  return {
    id: diffusionEngine.id,
    modality: diffusionEngine.modality,
    name: diffusionEngine.name,
    availability: async () =>
      imageModels() > 0
        ? { available: true }
        : { available: false, reason: 'Needs an image model: download SD-Turbo or SD 1.5 in the Models tab, or import a diffusers ONNX folder.' },
  };
}
