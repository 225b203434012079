import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { asDiskFull } from '../files/disk-full.js';

/** A file name from a title: no path separators or characters Windows refuses. */
export function fileStem(title: string): string {
  const stem = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80);
  return stem.replace(/^\.+/, '') || 'Project';
}

/**
 * Writes an export through a private partial file and links it into place under the
 * first free name (`Title.mp4`, `Title-2.mp4`, …), so an existing file is never replaced
 * and a failed or cancelled export leaves nothing behind.
 */
export async function writeNewFile(dir: string, stem: string, ext: string, write: (partial: string) => Promise<void>): Promise<string> {
  await fs.mkdir(dir, { recursive: true }).catch((error: Error) => {
    throw new AtelierError('IO_ERROR', `Cannot make the export folder ${dir}: ${error.message}`);
  });
  // The pid lets the next start remove the partial file of a killed export (stale-temp-files.ts).
  const partial = path.join(dir, `.${stem}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(partial);
    for (let n = 1; n < 10_000; n++) {
      const target = path.join(dir, `${n === 1 ? stem : `${stem}-${n}`}.${ext}`);
      try {
        // link() fails when the name exists, unlike rename(): no race with another export.
        await fs.link(partial, target).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPERM' && error.code !== 'ENOTSUP' && error.code !== 'EXDEV') throw error;
          // File systems without hard links: an exclusive copy keeps the no-overwrite promise.
          await fs.copyFile(partial, target, fs.constants.COPYFILE_EXCL);
        });
        return target;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new AtelierError('IO_ERROR', `Too many exports named ${stem} in ${dir}.`);
  } catch (error) {
    throw asDiskFull(error, `the export ${stem}.${ext}`);
  } finally {
    await fs.rm(partial, { force: true });
  }
}
