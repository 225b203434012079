import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from '../../platform/process-alive.js';

/** What a private work folder in the system's temp folder is for; part of its name. */
type WorkFolderKind = 'video' | 'export' | 'speech' | 'listen';

/**
 * `atelier-<kind>-<pid>-<6 random>`: the pid lets the next start remove the folder of a
 * killed export (removeStaleWorkFolders), the prefix keeps other programs' folders apart.
 */
const WORK_FOLDER = /^atelier-(video|export|speech|listen)-(\d+)-[A-Za-z0-9]{6}$/;

/** A new private folder under the system's temp folder for one export's intermediate files; the caller removes it. */
export function makeWorkFolder(kind: WorkFolderKind, parent = os.tmpdir()): Promise<string> {
  return fs.mkdtemp(path.join(parent, `atelier-${kind}-${process.pid}-`));
}

/**
 * Removes the work folders that exports killed before their cleanup left in `parent`
 * (the system's temp folder): only this user's, only those whose process is gone.
 * Returns the names removed.
 */
export async function removeStaleWorkFolders(parent = os.tmpdir()): Promise<string[]> {
  const entries = await fs.readdir(parent, { withFileTypes: true }).catch(() => []);
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const entry of entries) {
    const match = WORK_FOLDER.exec(entry.name);
    if (!match || !entry.isDirectory() || processAlive(Number(match[2]))) continue;
    const folder = path.join(parent, entry.name);
    // The temp folder is shared: another user's folder is theirs to clean.
    const owner = await fs.lstat(folder).then(
      (stat) => stat.uid,
      () => undefined,
    );
    if (owner === undefined || (uid !== undefined && owner !== uid)) continue;
    await fs.rm(folder, { recursive: true, force: true }).then(
      () => removed.push(entry.name),
      () => undefined,
    );
  }
  return removed;
}
