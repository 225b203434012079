import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { AtelierError } from '../../../preload/errors.js';
import { resolveInside } from '../security/path-inside.js';
import type { BundleLimits } from './bundle-limits.js';

function refuse(reason: string): AtelierError {
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

/**
 * Unpacks a zip into `target` (an empty folder) entry by entry, trusting nothing the
 * headers say: names are checked before joining, links and special files are refused,
 * sizes and the compression ratio are counted on the bytes actually inflated, and each
 * entry's CRC is checked. Throws BUNDLE_INVALID with the reason; the caller removes `target`.
 */
export async function unpackBundle(file: string, target: string, limits: BundleLimits, signal: AbortSignal, onEntry: (done: number, total: number) => void): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (error, opened) =>
        error || !opened ? reject(error ?? new Error('cannot open')) : resolve(opened),
      ),
    );
  } catch (error) {
    throw refuse(`it is not a readable zip archive (${(error as Error).message})`);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw refuse(`it has ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
  }
  const written: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(error instanceof AtelierError ? error : refuse(yauzlReason(error as Error)));
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (!failed) resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        handle(entry).then(() => {
          if (!failed) zip.readEntry();
        }, fail);
      });
      zip.readEntry();
    });
  } catch (error) {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    throw error;
  }
  return written;

  async function handle(entry: yauzl.Entry): Promise<void> {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    count += 1;
    if (count > limits.maxEntries) throw refuse(`it has more than ${limits.maxEntries} entries`);
    const name = entry.fileName;
    const unsafe = unsafeEntryName(name);
    if (unsafe) throw refuse(unsafe);
    const type = entryType(entry);
    if (type === 'link') throw refuse(`the entry "${name}" is a symbolic link`);
    if (type === 'other') throw refuse(`the entry "${name}" is not a regular file or folder`);
    const key = name.replace(/\/+$/, '').normalize('NFC').toLowerCase();
    if (seen.has(key)) throw refuse(`the entry "${name}" appears twice`);
    seen.add(key);
    let dest: string;
    try {
      dest = resolveInside(target, name.replace(/\/+$/, ''));
    } catch {
      throw refuse(`the entry "${name}" points outside the bundle`);
    }
    if (type === 'dir') {
      await fs.mkdir(dest, { recursive: true });
      return;
    }
    if (entry.uncompressedSize > limits.maxEntryBytes) throw refuse(`the entry "${name}" is larger than ${limits.maxEntryBytes} bytes`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw refuse(`the entry "${name}" uses an unsupported compression method (${entry.compressionMethod})`);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    const raw = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, entry.compressionMethod === 8 ? { decompress: false } : {}, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream))),
    );
    let compressedIn = 0;
    let inflated = 0;
    let crc = 0;
    const countIn = new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        compressedIn += chunk.length;
        done(null, chunk);
      },
    });
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        inflated += chunk.length;
        total += chunk.length;
        crc = zlib.crc32(chunk, crc);
        if (signal.aborted) return done(new AtelierError('CANCELLED', 'Cancelled.'));
        if (inflated > limits.maxEntryBytes) return done(refuse(`the entry "${name}" inflates past ${limits.maxEntryBytes} bytes`));
        if (total > limits.maxTotalBytes) return done(refuse(`its contents inflate past ${limits.maxTotalBytes} bytes in total`));
        if (inflated > limits.ratioAfterBytes && inflated / Math.max(1, compressedIn) > limits.maxRatio) {
          return done(refuse(`the entry "${name}" inflates more than ${limits.maxRatio}:1, like a zip bomb`));
        }
        done(null, chunk);
      },
    });
    try {
      const sink = createWriteStream(dest, { flags: 'wx' });
      if (entry.compressionMethod === 8) await pipeline(raw, countIn, zlib.createInflateRaw(), guard, sink);
      else await pipeline(raw, countIn, guard, sink);
    } catch (error) {
      if (error instanceof AtelierError) throw error;
      throw refuse(`the entry "${name}" could not be unpacked (${(error as Error).message})`);
    }
    written.push(name);
    if (inflated !== entry.uncompressedSize) throw refuse(`the entry "${name}" holds ${inflated} bytes, not the ${entry.uncompressedSize} its header says`);
    if ((crc >>> 0) !== (entry.crc32 >>> 0)) throw refuse(`the entry "${name}" is damaged (checksum mismatch)`);
    onEntry(count, zip.entryCount);
  }
}
