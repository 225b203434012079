import path from 'node:path';
import type yauzl from 'yauzl';
import { AtelierError } from '../../../preload/errors.js';
import type { BundleLimits } from './bundle-limits.js';

export function refuse(reason: string): AtelierError {
  return new AtelierError('BUNDLE_INVALID', `This bundle was refused: ${reason}.`);
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Why a name may not be unpacked, or null; checked on the name as written, before any path joining. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return `the entry name "${name}" contains a NUL byte`;
  if (name.includes('\\')) return `the entry "${name}" uses backslashes, which could escape the folder on Windows`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `the entry "${name}" has an absolute path`;
  if (name.split('/').includes('..')) return `the entry "${name}" points outside the bundle (..)`;
  return null;
}

/** The file type an entry claims in its external attributes (Unix-made archives only carry one). */
function entryType(entry: yauzl.Entry): 'file' | 'dir' | 'link' | 'other' {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (madeOnUnix && mode !== 0) {
    if (mode === S_IFLNK) return 'link';
    if (mode === S_IFDIR) return 'dir';
    if (mode !== S_IFREG) return 'other';
  }
  return entry.fileName.endsWith('/') ? 'dir' : 'file';
}

/** yauzl's own refusals, said in the words of the check that fired. */
function yauzlReason(error: Error): string {
  const m = error.message;
  if (/absolute path/.test(m)) return `an entry has an absolute path (${m})`;
  if (/invalid relative path/.test(m)) return `an entry points outside the bundle (${m})`;
  if (/invalid characters/.test(m)) return `an entry name has invalid characters such as backslashes (${m})`;
  return `the archive is damaged (${m})`;
}

/** The key a project-relative path is looked up by: `assets/./a.png` and `assets/a.png` are one file. */
export const entryKey = (name: string): string => path.posix.normalize(name.replace(/\/+$/, ''));

interface BundleListing {
  zip: yauzl.ZipFile;
  /** Regular files by entryKey; folders are not listed (they are made as files need them). */
  files: Map<string, yauzl.Entry>;
}

/**
 * Opens a zip and reads its central directory only (no entry data): every name, type
 * and duplicate is checked here, for all entries, whether or not they will be unpacked,
 * and so are the sizes and the compression ratio the headers declare for all of them
 * together. The caller closes `zip`.
 */
export async function listBundle(file: string, limits: BundleLimits): Promise<BundleListing> {
  // yauzl loads with the first bundle read, not with the studio.
  const { default: unzipLib } = await import('yauzl');
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      unzipLib.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (error, opened) =>
        error || !opened ? reject(error ?? new Error('cannot open')) : resolve(opened),
      ),
    );
  } catch (error) {
    throw refuse(`it is not a readable zip archive (${(error as Error).message})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw refuse(`it has ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
    const entries = await readDirectory(zip);
    const files = new Map<string, yauzl.Entry>();
    const seen = new Set<string>();
    for (const entry of entries) {
      const name = entry.fileName;
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw refuse(unsafe);
      const type = entryType(entry);
      if (type === 'link') throw refuse(`the entry "${name}" is a symbolic link`);
      if (type === 'other') throw refuse(`the entry "${name}" is not a regular file or folder`);
      const folded = name.replace(/\/+$/, '').normalize('NFC').toLowerCase();
      if (seen.has(folded)) throw refuse(`the entry "${name}" appears twice`);
      seen.add(folded);
      if (type === 'dir') continue;
      if (entry.uncompressedSize > limits.maxEntryBytes) throw refuse(`the entry "${name}" is larger than ${limits.maxEntryBytes} bytes`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw refuse(`the entry "${name}" uses an unsupported compression method (${entry.compressionMethod})`);
      files.set(entryKey(name), entry);
    }
    checkDeclaredBudget([...files.values()], limits);
    return { zip, files };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * The whole archive's declared sizes against the budget: a bomb spread over many
 * entries, each small enough to pass alone, is refused here before a byte is inflated.
 * The same rules are counted again on the inflated bytes, since headers can lie.
 */
function checkDeclaredBudget(entries: yauzl.Entry[], limits: BundleLimits): void {
  let inflated = 0;
  let compressed = 0;
  for (const entry of entries) {
    inflated += entry.uncompressedSize;
    compressed += entry.compressedSize;
  }
  if (inflated > limits.maxTotalBytes) throw refuse(`its contents inflate past ${limits.maxTotalBytes} bytes in total (the headers say ${inflated})`);
  if (inflated > limits.ratioAfterBytes && inflated / Math.max(1, compressed) > limits.maxRatio) {
    throw refuse(`its entries together inflate more than ${limits.maxRatio}:1 (${inflated} bytes from ${compressed}), like a zip bomb`);
  }
}

function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('error', (error: Error) => reject(refuse(yauzlReason(error))));
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.readEntry();
  });
}
