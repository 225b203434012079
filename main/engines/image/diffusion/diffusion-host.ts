/**
 * The diffusion engine's host process: onnxruntime-node lives here and nowhere else
 * (DESIGN.md, Engine hosts), so a model that crashes the runtime or runs it out of
 * memory takes down only this process. Main talks to it through diffusion-client.ts.
 */
import { serveEngine } from '../../../platform/engine-host/serve-engine.js';
import {
  DIFFUSION_PROTOCOL,
  type DiffusionHostEvent,
  type DiffusionHostParams,
  type DiffusionHostResult,
  type UpscaleHostEvent,
  type UpscaleHostParams,
  type UpscaleHostResult,
} from './diffusion-host-api.js';
import { loadDiffusionModel, releaseDiffusionModel, type DiffusionDevice, type DiffusionModel } from './diffusion-model.js';
import { runDiffusion } from './diffusion-pipeline.js';
import { upscaleWithNetwork } from '../upscale/upscale-image.js';
import { loadUpscaler, tileRunner, tilingFor, type UpscalerModel } from '../upscale/upscaler-model.js';

let loaded: { key: string; model: DiffusionModel } | undefined;
/** The last upscaler used stays open: a batch of pictures loads it once. */
let upscaler: UpscalerModel | undefined;

async function ensureModel(
  dir: string,
  device: DiffusionDevice,
  hardwareGpu: boolean | undefined,
  emit: (event: DiffusionHostEvent) => void,
): Promise<DiffusionModel> {
  const key = `${device}\n${String(hardwareGpu)}\n${dir}`;
  if (loaded?.key === key) return loaded.model;
  await unload();
  const started = performance.now();
  const model = await loadDiffusionModel(dir, device, hardwareGpu);
  loaded = { key, model };
  emit({ kind: 'loaded', provider: model.provider, ...(model.note && { note: model.note }), loadMs: Math.round(performance.now() - started) });
  return model;
}

async function unload(): Promise<void> {
  const current = loaded;
  loaded = undefined;
  if (current) await releaseDiffusionModel(current.model);
  const opened = upscaler;
  upscaler = undefined;
  await opened?.session.release();
}

async function generate(request: DiffusionHostParams, signal: AbortSignal, emit: (event: DiffusionHostEvent) => void): Promise<DiffusionHostResult> {
  const started = performance.now();
  const model = await ensureModel(request.modelDir, request.device, request.hardwareGpu, emit);
  const { images, stepMs } = await runDiffusion(model, request, signal, emit);
  return { images, provider: model.provider, stepMs, timeMs: Math.round(performance.now() - started) };
}

async function upscale(request: UpscaleHostParams, signal: AbortSignal, emit: (event: UpscaleHostEvent) => void): Promise<UpscaleHostResult> {
  const started = performance.now();
  if (upscaler?.file !== request.modelFile) {
    await upscaler?.session.release();
    upscaler = undefined;
    upscaler = await loadUpscaler(request.modelFile);
  }
  const tiling = tilingFor(upscaler, { tile: request.tile, overlap: request.overlap });
  const made = await upscaleWithNetwork(request.image, request.scale, tileRunner(upscaler), tiling, signal, (fraction, detail) =>
    emit({ kind: 'tile', fraction, detail }),
  );
  return { ...made, timeMs: Math.round(performance.now() - started) };
}

serveEngine(
  DIFFUSION_PROTOCOL,
  {
    generate: (request, { signal, emit }) => generate(request, signal, emit),
    upscale: (request, { signal, emit }) => upscale(request, signal, emit),
    unload: async () => {
      await unload();
      return null;
    },
  },
  { invalidParams: 'Diffusion settings are out of range' },
);
