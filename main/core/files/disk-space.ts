import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { formatBytes } from '../../../preload/human-units.js';

export type FreeBytes = (dir: string) => Promise<number>;

/** Free bytes for an unprivileged user on the volume holding `dir` (or its nearest existing parent). */
export const freeBytes: FreeBytes = async (dir) => {
  let probe = path.resolve(dir);
  for (;;) {
    try {
      const stats = await fs.statfs(probe);
      return Number(stats.bavail) * Number(stats.bsize);
    } catch (error) {
      const parent = path.dirname(probe);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === probe) throw error;
      probe = parent;
    }
  }
};

/** Room left over after a download or an import, so finishing one never fills the disk to the brim. */
export const DISK_MARGIN_BYTES = 256 * 1024 * 1024;

/** Refuses up front, before a byte is fetched or written, when `what` will not fit. */
export async function ensureFreeSpace(
  dir: string,
  needed: number,
  what: string,
  free: FreeBytes = freeBytes,
  hint = 'Free some space or remove a model, then try again.',
): Promise<void> {
  if (needed <= 0) return;
  const available = await free(dir);
  if (available < needed + DISK_MARGIN_BYTES) {
    throw new AtelierError(
      'TOO_LARGE',
      `Not enough free disk space for ${what}: it needs ${formatBytes(needed)} (plus ${formatBytes(DISK_MARGIN_BYTES)} to spare) and ${formatBytes(available)} is free in ${dir}. ${hint}`,
    );
  }
}
