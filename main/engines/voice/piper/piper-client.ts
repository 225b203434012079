import { EngineProcess } from '../../../platform/engine-host/engine-process.js';
import type { Logger } from '../../../platform/log.js';
import { PIPER_PROTOCOL, type PiperHostAudio, type PiperHostLoaded, type PiperHostLoadParams, type PiperHostSynthesizeParams } from './piper-host-api.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../../platform/worker-entry.js';

/** The host's entry: beside this file from source, or dist/workers/piper-host.mjs next to the bundles. */
export function locatePiperHost(from = codeDirOf(import.meta)): WorkerEntry {
  return locateWorkerEntry(from, 'piper-host.ts', 'piper-host.mjs');
}

/** Main's handle on the Piper host process: typed methods over engine-process.ts. */
export class PiperClient {
  private readonly process: EngineProcess<typeof PIPER_PROTOCOL>;

  constructor(log: Logger) {
    this.process = new EngineProcess({
      label: 'The Piper voice engine',
      protocol: PIPER_PROTOCOL,
      entry: () => locatePiperHost(),
      log,
      startTimeoutMs: 30_000,
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  load(params: PiperHostLoadParams, signal?: AbortSignal): Promise<PiperHostLoaded> {
    return this.process.request('load', params, { signal });
  }

  synthesize(params: PiperHostSynthesizeParams, signal: AbortSignal): Promise<PiperHostAudio> {
    return this.process.request('synthesize', params, { signal });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
