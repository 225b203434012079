import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
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
 * (a compiled module clones cheaply into a worker), so only the first worker pays for
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

/** Starts one espeak-ng worker thread (the pool keeps it for many jobs). */
export async function startEspeakWorker(): Promise<Worker> {
  const module = await compiledEspeak();
  return startWorkerThread(locateEspeakWorker(), { workerData: { module } });
}
