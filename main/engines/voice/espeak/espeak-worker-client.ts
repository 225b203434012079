import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AtelierError } from '../../../../preload/errors.js';
import type { EspeakJob, EspeakWorkerMessage } from './espeak-protocol.js';
import { codeDirOf, locateWorkerEntry, startWorkerThread, type WorkerEntry } from '../../../platform/worker-entry.js';

const codeDir = () => codeDirOf(import.meta);

/**
 * The worker's entry: beside this file when running from source (TypeScript through
 * tsx), or dist/workers/espeak-worker.mjs next to the bundle (dist/cli, dist/electron).
 */
function locateEspeakWorker(from = codeDir()): WorkerEntry {
  return locateWorkerEntry(from, 'espeak-worker.ts', 'espeak-worker.mjs');
}

type WasmModule = object;
const Wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;
let compiled: Promise<WasmModule | undefined> | undefined;

/**
 * espeak-ng's WebAssembly module, compiled once per process and handed to each worker
 * (a compiled module clones cheaply into a worker), so only the first job pays for
 * compiling 18 MB. Undefined when it cannot be found here: the worker then compiles it.
 */
function compiledEspeak(): Promise<WasmModule | undefined> {
  compiled ??= (async () => {
    try {
      const require = createRequire(path.join(codeDir(), 'noop.js'));
      return await Wasm.compile(await fs.promises.readFile(require.resolve('espeak-ng/dist/espeak-ng.wasm')));
    } catch {
      return undefined;
    }
  })();
  return compiled;
}

/**
 * Starts one worker for one job and feeds its messages to `onMessage`; resolves when the
 * worker ends. An abort terminates the worker at once (CANCELLED). Error messages from
 * the worker reject with their code.
 */
export async function runEspeakWorker(job: EspeakJob, signal: AbortSignal, onMessage: (message: EspeakWorkerMessage) => void): Promise<void> {
  const module = await compiledEspeak();
  if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  return new Promise((resolve, reject) => {
    const worker = startWorkerThread(locateEspeakWorker(), { workerData: { job, module } });
    let failure: AtelierError | undefined;
    let finished = false;
    const onAbort = () => {
      failure = new AtelierError('CANCELLED', 'Cancelled.');
      void worker.terminate();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: EspeakWorkerMessage) => {
      if (message.type === 'error') {
        failure ??= new AtelierError(message.code, message.message);
        void worker.terminate();
        return;
      }
      if (message.type === 'done' || message.type === 'voices' || message.type === 'ready' || message.type === 'phonemes') finished = true;
      try {
        onMessage(message);
      } catch (error) {
        failure ??= error instanceof AtelierError ? error : new AtelierError('INTERNAL', String(error));
        void worker.terminate();
      }
      if (finished) void worker.terminate();
    });
    worker.on('error', (error) => {
      failure ??= new AtelierError('ENGINE_CRASHED', `espeak-ng worker failed: ${error.message}`);
    });
    worker.on('exit', () => {
      signal.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (!finished) reject(new AtelierError('ENGINE_CRASHED', 'espeak-ng worker stopped before finishing.'));
      else resolve();
    });
  });
}
