import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { asDiskFull } from '../files/disk-full.js';
import { firstCodePoints, isReservedName, wellFormed } from '../files/file-name-rules.js';

/**
 * Where an export goes: a folder, where it gets the first free name from `stem`
 * (`Title.mp4`, `Title-2.mp4`, …), or one exact file, written under exactly that name.
 * An exact file that exists is refused unless `replace` says so.
 */
export type ExportTarget = { folder: string; stem: string } | { file: string; replace?: boolean };

/** A file name from a title: no path separators, no characters or names Windows refuses (file-name-rules.ts). */
export function fileStem(title: string): string {
  const stem = firstCodePoints(
    wellFormed(title)
      .normalize('NFC')
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    80,
  );
  // Dots and spaces at either end go: "dawn." would make "dawn..html", and Windows drops a trailing dot or space.
  const tidy = stem.replace(/^[.\s]+|[.\s]+$/g, '');
  return tidy && !isReservedName(tidy) ? tidy : 'Project';
}

/** A readable slug for file names typed in a terminal: `Harbour Night` → `harbour-night`. */
export function exportSlug(title: string): string {
  const slug = firstCodePoints(
    wellFormed(title)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-'),
    80,
  ).replace(/^-+|-+$/g, '');
  return slug || 'project';
}

/** The folder that holds a page's pictures and sounds: `story.md` → `story_files`. */
export function filesFolderOf(file: string): string {
  const base = path.basename(file);
  const ext = path.extname(base);
  return path.join(path.dirname(file), `${ext && ext !== base ? base.slice(0, -ext.length) : base}_files`);
}

function exists(file: string): AtelierError {
  return new AtelierError('IO_ERROR', `${file} already exists; nothing was replaced.`);
}

async function makeDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true }).catch((error: Error) => {
    throw new AtelierError('IO_ERROR', `Cannot make the export folder ${dir}: ${error.message}`);
  });
}

/** A private folder beside the result for the partial output; gone afterwards, whatever happened. */
async function withStaging<T>(dir: string, stem: string, run: (staging: string) => Promise<T>): Promise<T> {
  // The pid lets the next start remove the staging folder of a killed export (stale-temp-files.ts).
  const staging = path.join(dir, `.${stem}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  await fs.mkdir(staging).catch((error: Error) => {
    throw new AtelierError('IO_ERROR', `Cannot write in ${dir}: ${error.message}`);
  });
  try {
    return await run(staging);
  } catch (error) {
    throw asDiskFull(error, `the export ${stem}`);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Links `from` in as `to`, failing with EEXIST when the name is taken: no race with another export. */
async function linkExclusive(from: string, to: string): Promise<void> {
  await fs.link(from, to).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPERM' && error.code !== 'ENOTSUP' && error.code !== 'EXDEV') throw error;
    // File systems without hard links: an exclusive copy keeps the no-overwrite promise.
    await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  });
}

function isTaken(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

function ioError(file: string, error: unknown): unknown {
  if (error instanceof AtelierError) return error;
  return new AtelierError('IO_ERROR', `Cannot write ${file}: ${(error as Error).message}`);
}

/**
 * Writes a one-file export through a private partial file and moves it into place, so a
 * failed or cancelled export leaves nothing behind and nothing is replaced unasked.
 */
export async function writeExportFile(target: ExportTarget, ext: string, write: (partial: string) => Promise<void>): Promise<string> {
  const dir = 'file' in target ? path.dirname(target.file) : target.folder;
  await makeDir(dir);
  return withStaging(dir, 'file' in target ? path.basename(target.file) : target.stem, async (staging) => {
    const partial = path.join(staging, 'export');
    await write(partial);
    if ('file' in target) {
      try {
        if (target.replace) await fs.rename(partial, target.file);
        else await linkExclusive(partial, target.file);
      } catch (error) {
        throw isTaken(error) ? exists(target.file) : ioError(target.file, error);
      }
      return target.file;
    }
    for (let n = 1; n < 10_000; n++) {
      const file = path.join(dir, `${n === 1 ? target.stem : `${target.stem}-${n}`}.${ext}`);
      try {
        await linkExclusive(partial, file);
        return file;
      } catch (error) {
        if (!isTaken(error)) throw ioError(file, error);
      }
    }
    throw new AtelierError('IO_ERROR', `Too many exports named ${target.stem} in ${dir}.`);
  });
}

/** The old name of writeExportFile into a folder. */
export function writeNewFile(dir: string, stem: string, ext: string, write: (partial: string) => Promise<void>): Promise<string> {
  return writeExportFile({ folder: dir, stem }, ext, write);
}

async function isFree(file: string): Promise<boolean> {
  return (await fs.lstat(file).catch(() => null)) === null;
}

/** `stem.ext`, `stem-2.ext`, …: the first name free both for the page and its folder. */
async function firstFreePage(dir: string, stem: string, ext: string): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const candidate = path.join(dir, `${n === 1 ? stem : `${stem}-${n}`}.${ext}`);
    if ((await isFree(candidate)) && (await isFree(filesFolderOf(candidate)))) return candidate;
  }
  throw new AtelierError('IO_ERROR', `Too many exports named ${stem} in ${dir}.`);
}

/**
 * Writes a page and the folder of files it links to (`story.md` and `story_files/`). The
 * names are settled before writing, since the page's links name the folder; both are
 * claimed exclusively at the end, and a name taken meanwhile fails without replacing it.
 */
export async function writeExportWithFolder(
  target: ExportTarget,
  ext: string,
  write: (partialFile: string, partialFolder: string, folderName: string) => Promise<void>,
): Promise<{ file: string; folder: string }> {
  const dir = 'file' in target ? path.dirname(target.file) : target.folder;
  await makeDir(dir);
  const file = 'file' in target ? target.file : await firstFreePage(dir, target.stem, ext);
  const folder = filesFolderOf(file);
  const replace = 'file' in target && target.replace === true;
  return withStaging(dir, path.basename(file), async (staging) => {
    const partialFile = path.join(staging, 'page');
    const partialFolder = path.join(staging, 'files');
    await fs.mkdir(partialFolder);
    await write(partialFile, partialFolder, path.basename(folder));
    if (replace) {
      try {
        await fs.rm(folder, { recursive: true, force: true });
        await fs.rename(partialFolder, folder);
        await fs.rename(partialFile, file);
      } catch (error) {
        throw ioError(file, error);
      }
      return { file, folder };
    }
    try {
      await linkExclusive(partialFile, file);
    } catch (error) {
      throw isTaken(error) ? exists(file) : ioError(file, error);
    }
    try {
      // mkdir claims the name exclusively; the entries then move in one by one (a rename
      // over an existing folder is refused on Windows).
      await fs.mkdir(folder);
    } catch (error) {
      await fs.rm(file, { force: true });
      throw isTaken(error) ? exists(folder) : ioError(folder, error);
    }
    try {
      for (const entry of await fs.readdir(partialFolder)) await fs.rename(path.join(partialFolder, entry), path.join(folder, entry));
    } catch (error) {
      await fs.rm(file, { force: true });
      await fs.rm(folder, { recursive: true, force: true });
      throw ioError(folder, error);
    }
    return { file, folder };
  });
}
