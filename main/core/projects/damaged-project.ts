import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ProjectSummary } from '../../../preload/contract.js';
import { PROJECT_FILE, PROJECT_SUFFIX } from './project-file.js';

/** What a creator can do about a project neither project.json nor its .bak can be read from. */
export const DAMAGED_ADVICE =
  'Nothing was changed. To mend it, put a good copy of project.json back into that folder (from your own backup, or fix its JSON by hand) and open it again; or move it to the trash from its menu.';

/**
 * A damaged project has no readable id, yet the contract names projects by id. The last
 * id it was opened under is used when Atelier remembers one; else an id derived from
 * its folder, stable across restarts (a UUID shape with the version-8 "custom" bits).
 */
export function damagedProjectId(dir: string): string {
  const hex = createHash('sha256')
    .update(`atelier-damaged-project\0${path.resolve(dir)}`)
    .digest('hex');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The summary of a folder whose project cannot be read, or null when the folder holds
 * neither project.json nor a backup (not a project at all, or one still being created).
 */
export async function damagedSummary(dir: string, knownId: string | undefined, problem: string): Promise<ProjectSummary | null> {
  const file = path.join(dir, PROJECT_FILE);
  const stats = await Promise.all([fs.stat(file).catch(() => null), fs.stat(`${file}.bak`).catch(() => null)]);
  const present = stats.filter((s) => s !== null);
  if (present.length === 0) return null;
  const changed = new Date(Math.max(...present.map((s) => s.mtimeMs))).toISOString();
  const born = new Date(Math.min(...present.map((s) => s.birthtimeMs || s.mtimeMs))).toISOString();
  return {
    id: knownId ?? damagedProjectId(dir),
    title: path.basename(dir, PROJECT_SUFFIX),
    path: dir,
    createdAt: born,
    updatedAt: changed,
    assetCount: 0,
    sceneCount: 0,
    isOpen: false,
    status: 'damaged',
    problem,
  };
}
