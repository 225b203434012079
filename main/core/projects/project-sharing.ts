import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { withFileLock } from '../files/file-lock.js';
import { PROJECT_FILE } from './project-file.js';
import { JOURNAL_FILE } from './project-journal.js';

/**
 * A project folder shared by two Atelier processes on one data folder (the studio open on
 * a project while `atelier` in a terminal, or an agent through it, changes the same one).
 * Each change is made under the folder's lock file from what is on disk at that moment:
 * when the saved files are not as this process last left them, it reads them again first
 * and makes its change on top, so neither process's change overwrites the other's (before
 * this, both appended journal lines at their own idea of its end, and a compaction folded
 * in only its own process's changes and removed the journal that held the other's).
 */
export const PROJECT_LOCK_FILE = 'project.lock';

/** project.json's and the journal's identity, size and change time: what another writer alters. */
export type FolderStamp = string;

async function fileStamp(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/** How the project's saved state looks on disk now (a write, an append or a compaction changes it). */
export async function folderStamp(dir: string): Promise<FolderStamp> {
  const [project, journal] = await Promise.all([fileStamp(path.join(dir, PROJECT_FILE)), fileStamp(path.join(dir, JOURNAL_FILE))]);
  return `${project}|${journal}`;
}

/**
 * Runs `work` holding the project folder's lock (callers serialise within the process
 * first). A folder gone meanwhile (moved or put in the trash by another process) is NOT_FOUND.
 */
export async function withProjectLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    await fs.access(dir);
  } catch {
    throw new AtelierError(
      'NOT_FOUND',
      `The project folder ${dir} is gone: another Atelier may have renamed it or put it in the trash. Open the project again from the list.`,
    );
  }
  return withFileLock(path.join(dir, PROJECT_LOCK_FILE), work, 'The project');
}
