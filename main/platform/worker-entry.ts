import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A worker or engine host entry: TypeScript beside its client from source, a bundled .mjs otherwise. */
export interface WorkerEntry {
  file: string;
  fromSource: boolean;
}

/**
 * The folder of the calling module, given its `import.meta.url`: that file's folder in ESM
 * (source, the CLI bundle); in the CommonJS Electron bundle import.meta is empty and
 * __dirname is the bundle's folder.
 */
export function codeDirOf(moduleUrl: string | undefined): string {
  if (typeof moduleUrl === 'string' && moduleUrl.startsWith('file:')) return path.dirname(fileURLToPath(moduleUrl));
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** In the packaged app, native binaries and worker entries live beside the archive (electron-builder.yml asarUnpack). */
export function unpackedPath(file: string): string {
  return file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

/**
 * Where a worker's code is: `sourceName` beside its client when running from source, else
 * `dist/workers/<bundledName>` next to the bundles (unpacked from the asar when packaged).
 */
export function locateWorkerEntry(from: string, sourceName: string, bundledName: string): WorkerEntry {
  const source = path.join(from, sourceName);
  if (fs.existsSync(source)) return { file: source, fromSource: true };
  return { file: unpackedPath(path.join(from, '..', 'workers', bundledName)), fromSource: false };
}
