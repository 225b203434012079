import { EngineProcess } from '../../platform/engine-host/engine-process.js';
import type { Logger } from '../../platform/log.js';
import type { HostGenerateParams, HostHardware, HostLoadedModel, HostLoadParams, HostTextChunk } from './llama-host-api.js';
import type { TextGenerationResult } from './text-generation.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../platform/worker-entry.js';

/** The host's entry: beside this file from source, or dist/workers/llama-host.mjs next to the bundles. */
export function locateLlamaHost(from = codeDirOf((import.meta as { url?: string }).url)): WorkerEntry {
  return locateWorkerEntry(from, 'llama-host.ts', 'llama-host.mjs');
}

function isChunk(event: unknown): event is HostTextChunk {
  return typeof event === 'object' && event !== null && typeof (event as { chunk?: unknown }).chunk === 'string';
}

/** Main's handle on the text engine host: typed methods over engine-process.ts. */
export class LlamaClient {
  private readonly process: EngineProcess;

  constructor(log: Logger) {
    this.process = new EngineProcess({ label: 'The text engine', entry: () => locateLlamaHost(), log, startTimeoutMs: 60_000 });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  hardware(gpu: 'auto' | 'off'): Promise<HostHardware> {
    return this.process.request<HostHardware>('hardware', { gpu });
  }

  load(params: HostLoadParams, signal?: AbortSignal): Promise<HostLoadedModel> {
    return this.process.request<HostLoadedModel>('load', params, { signal });
  }

  generate(params: HostGenerateParams, signal: AbortSignal, onChunk?: (chunk: string) => void): Promise<Omit<TextGenerationResult, 'model'>> {
    return this.process.request('generate', params, {
      signal,
      onEvent: (event) => {
        if (isChunk(event)) onChunk?.(event.chunk);
      },
    });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
