import { EngineProcess } from '../../platform/engine-host/engine-process.js';
import type { Logger } from '../../platform/log.js';
import { codeDirOf, locateWorkerEntry, type WorkerEntry } from '../../platform/worker-entry.js';
import { WHISPER_PROTOCOL, type WhisperHostEvent, type WhisperHostResult, type WhisperHostTranscribeParams } from './whisper-host-api.js';

/** The host's entry: beside this file from source, or dist/workers/whisper-host.mjs next to the bundles. */
function locateWhisperHost(from = codeDirOf(import.meta)): WorkerEntry {
  return locateWorkerEntry(from, 'whisper-host.ts', 'whisper-host.mjs');
}

/** Main's handle on the Whisper host process: typed methods over engine-process.ts. */
export class WhisperClient {
  private readonly process: EngineProcess<typeof WHISPER_PROTOCOL>;

  constructor(log: Logger) {
    this.process = new EngineProcess({
      label: 'The Whisper listening engine',
      protocol: WHISPER_PROTOCOL,
      entry: () => locateWhisperHost(),
      log,
      startTimeoutMs: 30_000,
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  transcribe(params: WhisperHostTranscribeParams, signal: AbortSignal, onEvent: (event: WhisperHostEvent) => void): Promise<WhisperHostResult> {
    return this.process.request('transcribe', params, { signal, onEvent });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
