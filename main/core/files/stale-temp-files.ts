import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../platform/log.js';
import { processAlive } from '../../platform/process-alive.js';
import { removeStaleWorkFolders } from './work-folder.js';

/**
 * Work-in-progress files carry the writer's pid: `.<name>.<pid>.<8 hex>.tmp` (atomic
 * writes and their staged backups) and `.<stem>.<pid>.<8 hex>.partial` (exports).
 */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.(tmp|partial)$/;

/**
 * Removes the temp files a killed save or export left in `dir` (not recursive). A file
 * whose writer is still running (another studio or CLI on the same data folder) is kept.
 * Returns the names removed; a folder that does not exist has none.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    // An export stages in a folder; a save in a file.
    await fs.rm(path.join(dir, name), { recursive: true, force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

/** The folders a studio writes through temp files: the data folder, every project and its folders, the models, the output folder. */
export async function staleTempFolders(paths: { home: string; projectsDir: string; modelsDir: string }, outputFolder: string | null): Promise<string[]> {
  const folders = [paths.home, paths.modelsDir];
  const projects = await fs.readdir(paths.projectsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of projects) {
    if (!entry.isDirectory()) continue;
    // The project folder and its own folders (assets, exports…): where saves, assets and exports are written.
    const dir = path.join(paths.projectsDir, entry.name);
    folders.push(dir);
    const inside = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const sub of inside) if (sub.isDirectory()) folders.push(path.join(dir, sub.name));
  }
  const partials = await fs.readdir(path.join(paths.modelsDir, '.partial'), { withFileTypes: true }).catch(() => []);
  for (const entry of partials) if (entry.isDirectory()) folders.push(path.join(paths.modelsDir, '.partial', entry.name));
  if (outputFolder) folders.push(outputFolder);
  return folders;
}

/** Temp files of a save or export that a crash or kill interrupted, and its work folder in the system's temp folder, are removed at the next start, not kept for ever. */
export async function removeLeftovers(
  paths: { home: string; projectsDir: string; modelsDir: string },
  outputFolder: string | null,
  log: Logger,
): Promise<void> {
  for (const dir of await staleTempFolders(paths, outputFolder)) {
    const removed = await removeStaleTempFiles(dir);
    if (removed.length > 0) log.info('studio', 'removed temp files of an interrupted write', { dir, files: removed });
  }
  const work = await removeStaleWorkFolders();
  if (work.length > 0) log.info('studio', 'removed work folders of interrupted exports', { folders: work });
}
