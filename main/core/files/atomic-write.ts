import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from '../../platform/private-files.js';
import { asDiskFull } from './disk-full.js';

/**
 * A private name next to `file` for work in progress. The pid in it lets the next
 * start tell a temp file of a killed process (removed) from one a live process is
 * still writing (kept): see stale-temp-files.ts.
 */
export function tempNameFor(file: string, suffix = 'tmp'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

/**
 * Writes a file so that a crash at any moment leaves either the old or the new
 * content, never a mix: temp file in the same folder, fsync, optional `.bak` of
 * the previous version, rename, fsync the folder. Owner-only unless `mode` says
 * otherwise: nearly everything written this way is a creator's data. A failed write
 * (a full disk is DISK_FULL) removes its temp file and leaves the previous version as it was.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { backup?: boolean; mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = tempNameFor(file);
  try {
    const handle = await fs.open(temp, 'w', options.mode ?? PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup) await backupExisting(file);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw asDiskFull(error, path.basename(file));
  }
  await syncFolder(dir);
}

async function backupExisting(file: string): Promise<void> {
  // The new .bak is made under a temp name and renamed over the old one, so a crash
  // never leaves the folder without a backup. A hard link is instant; copy where links fail.
  const staged = tempNameFor(`${file}.bak`);
  try {
    try {
      await fs.link(file, staged);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      await fs.copyFile(file, staged);
    }
    await fs.rename(staged, `${file}.bak`);
  } catch (error) {
    await fs.rm(staged, { force: true });
    throw error;
  }
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open folders for fsync; rename durability there is the filesystem's.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
