import { EngineProcess } from '../../../platform/engine-host/engine-process.js';
import type { Logger } from '../../../platform/log.js';
import {
  DIFFUSION_PROTOCOL,
  type DiffusionHostEvent,
  type DiffusionHostRequest,
  type DiffusionHostResult,
  type UpscaleHostEvent,
  type UpscaleHostRequest,
  type UpscaleHostResult,
} from './diffusion-host-api.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../../platform/worker-entry.js';

/** The host's entry: beside this file from source, or dist/workers/diffusion-host.mjs next to the bundles. */
function locateDiffusionHost(from = codeDirOf(import.meta)): WorkerEntry {
  return locateWorkerEntry(from, 'diffusion-host.ts', 'diffusion-host.mjs');
}

/** Main's handle on the diffusion host: typed methods over engine-process.ts. */
export class DiffusionClient {
  private readonly process: EngineProcess<typeof DIFFUSION_PROTOCOL>;

  constructor(log: Logger) {
    this.process = new EngineProcess({
      label: 'The diffusion engine',
      protocol: DIFFUSION_PROTOCOL,
      entry: () => locateDiffusionHost(),
      log,
      startTimeoutMs: 60_000,
      cancelGraceMs: 60_000,
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  generate(request: DiffusionHostRequest, signal: AbortSignal, onEvent: (event: DiffusionHostEvent) => void): Promise<DiffusionHostResult> {
    return this.process.request('generate', request, { signal, onEvent });
  }

  upscale(request: UpscaleHostRequest, signal: AbortSignal, onEvent: (event: UpscaleHostEvent) => void): Promise<UpscaleHostResult> {
    return this.process.request('upscale', request, { signal, onEvent });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
