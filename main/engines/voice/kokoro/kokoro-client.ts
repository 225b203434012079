import { EngineProcess } from '../../../platform/engine-host/engine-process.js';
import type { Logger } from '../../../platform/log.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../../platform/worker-entry.js';
import { KOKORO_PROTOCOL, type KokoroHostAudio, type KokoroHostLoaded, type KokoroHostLoadParams, type KokoroHostSynthesizeParams } from './kokoro-host-api.js';

/** The host's entry: beside this file from source, or dist/workers/kokoro-host.mjs next to the bundles. */
function locateKokoroHost(from = codeDirOf(import.meta)): WorkerEntry {
  return locateWorkerEntry(from, 'kokoro-host.ts', 'kokoro-host.mjs');
}

/** Main's handle on the Kokoro host process: typed methods over engine-process.ts. */
export class KokoroClient {
  private readonly process: EngineProcess<typeof KOKORO_PROTOCOL>;

  constructor(log: Logger) {
    this.process = new EngineProcess({
      label: 'The Kokoro voice engine',
      protocol: KOKORO_PROTOCOL,
      entry: () => locateKokoroHost(),
      log,
      startTimeoutMs: 30_000,
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  load(params: KokoroHostLoadParams, signal?: AbortSignal): Promise<KokoroHostLoaded> {
    return this.process.request('load', params, { signal });
  }

  synthesize(params: KokoroHostSynthesizeParams, signal: AbortSignal): Promise<KokoroHostAudio> {
    return this.process.request('synthesize', params, { signal });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
