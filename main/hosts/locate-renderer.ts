import fs from 'node:fs';
import path from 'node:path';
import { codeDirOf } from '../platform/worker-entry.js';

/** Finds dist/renderer from wherever this code runs (the bundled CLI or the source tree). */
export function locateRendererDir(from: string = codeDirOf(import.meta)): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'dist', 'renderer');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(from, 'dist', 'renderer');
    dir = parent;
  }
}
