import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AtelierError } from '../../preload/errors.js';
import { codeDirOf } from './code-dir.js';

export { codeDirOf };

/** A worker or engine host entry: TypeScript beside its client from source, a bundled .mjs otherwise. */
export interface WorkerEntry {
  file: string;
  fromSource: boolean;
}

/** In the packaged app, native binaries and worker entries live beside the archive (electron-builder.yml asarUnpack). */
export function unpackedPath(file: string): string {
  return file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

/** The checkout's built workers, seen from this file's place in the source (main/platform). */
const BUILT_WORKERS = path.join(codeDirOf(import.meta), '..', '..', 'dist', 'workers');

/**
 * Where a worker's code is: `sourceName` beside its client when running from source, else
 * `dist/workers/<bundledName>` next to the bundles (unpacked from the asar when packaged).
 *
 * From source, `ATELIER_WORKERS=built` takes the checkout's built worker instead, where
 * there is one: the test runner sets it after building, because an engine host or worker
 * started through tsx costs about a second and a half more CPU than its bundle (2.4 against
 * 0.9 s for the llama host), and the suite starts many.
 */
export function locateWorkerEntry(from: string, sourceName: string, bundledName: string): WorkerEntry {
  const source = path.join(from, sourceName);
  if (fs.existsSync(source)) {
    const built = path.join(BUILT_WORKERS, bundledName);
    if (process.env.ATELIER_WORKERS === 'built' && fs.existsSync(built)) return { file: built, fromSource: false };
    return { file: source, fromSource: true };
  }
  return { file: unpackedPath(path.join(from, '..', 'workers', bundledName)), fromSource: false };
}

/** The Node flags a forked process needs to run `entry`: tsx's loader from source, none for a bundle. */
export function execArgvFor(entry: WorkerEntry): string[] {
  return entry.fromSource ? ['--import', 'tsx'] : [];
}

/** A worker thread running `entry`; from source, a small bootstrap registers tsx in it first, then imports the TypeScript. */
export function startWorkerThread(entry: WorkerEntry, options: Omit<WorkerOptions, 'eval'>): Worker {
  if (!entry.fromSource) return new Worker(entry.file, options);
  const tsx = (import.meta as { resolve?: (specifier: string) => string }).resolve?.('tsx/esm/api');
  if (!tsx) throw new AtelierError('ENGINE_UNAVAILABLE', 'running a worker from source needs tsx.');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(entry.file).href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
