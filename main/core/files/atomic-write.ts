import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './private-files.js';

/**
 * Writes a file so that a crash at any moment leaves either the old or the new
 * content, never a mix: temp file in the same folder, fsync, optional `.bak` of
 * the previous version, rename, fsync the folder. Owner-only unless `mode` says
 * otherwise: nearly everything written this way is a creator's data.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { backup?: boolean; mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'w', options.mode ?? PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.backup) await backupExisting(file);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

async function backupExisting(file: string): Promise<void> {
  // The new .bak is made under a temp name and renamed over the old one, so a crash
  // never leaves the folder without a backup. A hard link is instant; copy where links fail.
  const bak = `${file}.bak`;
  const staged = `${bak}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.link(file, staged);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    await fs.copyFile(file, staged);
  }
  await fs.rename(staged, bak);
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
