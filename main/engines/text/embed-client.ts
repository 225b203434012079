import { EngineProcess } from '../../platform/engine-host/engine-process.js';
import type { Logger } from '../../platform/log.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../platform/worker-entry.js';
import { EMBED_PROTOCOL, type EmbedInput, type EmbedLoadedModel, type EmbedLoadParams, type EmbedResult } from './embed-host-api.js';

/** The host's entry: beside this file from source, or dist/workers/embed-host.mjs next to the bundles. */
function locateEmbedHost(from = codeDirOf(import.meta)): WorkerEntry {
  return locateWorkerEntry(from, 'embed-host.ts', 'embed-host.mjs');
}

/** Main's handle on the embedding engine host: typed methods over engine-process.ts. */
export class EmbedClient {
  private readonly process: EngineProcess<typeof EMBED_PROTOCOL>;

  constructor(log: Logger) {
    this.process = new EngineProcess({ label: 'The embedding engine', protocol: EMBED_PROTOCOL, entry: () => locateEmbedHost(), log, startTimeoutMs: 60_000 });
  }

  load(params: EmbedLoadParams, signal?: AbortSignal): Promise<EmbedLoadedModel> {
    return this.process.request('load', params, { signal });
  }

  embed(inputs: EmbedInput[], signal: AbortSignal): Promise<EmbedResult> {
    return this.process.request('embed', { inputs }, { signal });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
