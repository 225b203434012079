import { EngineProcess } from '../../platform/engine-host/engine-process.js';
import type { Logger } from '../../platform/log.js';
import { LLAMA_PROTOCOL, type HostGenerateParams, type HostHardware, type HostLoadedModel, type HostLoadParams } from './llama-host-api.js';
import type { GeneratedText } from './text-generation.js';
import type { OnToolCallFragment } from './text-tools.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../platform/worker-entry.js';

/** The host's entry: beside this file from source, or dist/workers/llama-host.mjs next to the bundles. */
export function locateLlamaHost(from = codeDirOf(import.meta)): WorkerEntry {
  return locateWorkerEntry(from, 'llama-host.ts', 'llama-host.mjs');
}

/** Main's handle on the text engine host: typed methods over engine-process.ts. */
export class LlamaClient {
  private readonly process: EngineProcess<typeof LLAMA_PROTOCOL>;

  constructor(log: Logger) {
    this.process = new EngineProcess({ label: 'The text engine', protocol: LLAMA_PROTOCOL, entry: () => locateLlamaHost(), log, startTimeoutMs: 60_000 });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  hardware(gpu: 'auto' | 'off'): Promise<HostHardware> {
    return this.process.request('hardware', { gpu });
  }

  load(params: HostLoadParams, signal?: AbortSignal): Promise<HostLoadedModel> {
    return this.process.request('load', params, { signal });
  }

  generate(params: HostGenerateParams, signal: AbortSignal, onChunk?: (chunk: string) => void, onToolCall?: OnToolCallFragment): Promise<GeneratedText> {
    const onEvent = (event: { chunk: string } | { call: Parameters<OnToolCallFragment>[0] }) =>
      'chunk' in event ? onChunk?.(event.chunk) : onToolCall?.(event.call);
    return this.process.request('generate', params, { signal, onEvent });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
