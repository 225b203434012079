import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type yauzl from 'yauzl';
import { AtelierError } from '../../../preload/errors.js';
import { resolveInside } from '../security/path-inside.js';
import { refuse } from './bundle-entries.js';
import type { BundleLimits } from './bundle-limits.js';

export { unsafeEntryName } from './bundle-entries.js';

/** Counted over every entry unpacked so far, so a bomb split across entries adds up. */
interface Tally {
  inflated: number;
  compressed: number;
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, entry.compressionMethod === 8 ? { decompress: false } : {}, (error, stream) =>
      error || !stream ? reject(refuse(`the archive is damaged (${error?.message ?? 'no stream'})`)) : resolve(stream),
    ),
  );
}

/**
 * Streams one entry through inflate into `sink`, trusting nothing its header says: the
 * inflated bytes are counted against the entry, the whole-bundle budget and the
 * compression ratio of everything unpacked so far, and the CRC is checked at the end.
 */
async function inflateEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  sink: NodeJS.WritableStream,
  limits: BundleLimits,
  tally: Tally,
  signal: AbortSignal,
): Promise<void> {
  const name = entry.fileName;
  const raw = await openEntry(zip, entry);
  let inflated = 0;
  let crc = 0;
  const countIn = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      tally.compressed += chunk.length;
      done(null, chunk);
    },
  });
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      inflated += chunk.length;
      tally.inflated += chunk.length;
      crc = zlib.crc32(chunk, crc);
      if (signal.aborted) return done(new AtelierError('CANCELLED', 'Cancelled.'));
      if (inflated > limits.maxEntryBytes) return done(refuse(`the entry "${name}" inflates past ${limits.maxEntryBytes} bytes`));
      if (tally.inflated > limits.maxTotalBytes) return done(refuse(`its contents inflate past ${limits.maxTotalBytes} bytes in total`));
      if (tally.inflated > limits.ratioAfterBytes && tally.inflated / Math.max(1, tally.compressed) > limits.maxRatio) {
        return done(refuse(`its entries together inflate more than ${limits.maxRatio}:1, like a zip bomb`));
      }
      done(null, chunk);
    },
  });
  try {
    if (entry.compressionMethod === 8) await pipeline(raw, countIn, zlib.createInflateRaw(), guard, sink);
    else await pipeline(raw, countIn, guard, sink);
  } catch (error) {
    if (error instanceof AtelierError) throw error;
    throw refuse(`the entry "${name}" could not be unpacked (${(error as Error).message})`);
  }
  if (inflated !== entry.uncompressedSize) throw refuse(`the entry "${name}" holds ${inflated} bytes, not the ${entry.uncompressedSize} its header says`);
  if (crc >>> 0 !== entry.crc32 >>> 0) throw refuse(`the entry "${name}" is damaged (checksum mismatch)`);
}

/** One entry into memory (project.json), refused past `maxBytes`. */
export async function readEntryText(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number, limits: BundleLimits, signal: AbortSignal): Promise<string> {
  if (entry.uncompressedSize > maxBytes) throw refuse(`the entry "${entry.fileName}" is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await inflateEntry(zip, entry, sink, { ...limits, maxEntryBytes: Math.min(limits.maxEntryBytes, maxBytes) }, { inflated: 0, compressed: 0 }, signal);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Unpacks the chosen entries into `target` (an empty folder), one after another. Throws
 * BUNDLE_INVALID with the reason (or CANCELLED); the caller removes `target`.
 */
export async function unpackEntries(
  zip: yauzl.ZipFile,
  entries: yauzl.Entry[],
  target: string,
  limits: BundleLimits,
  signal: AbortSignal,
  onEntry: (done: number, total: number) => void,
): Promise<void> {
  const tally: Tally = { inflated: 0, compressed: 0 };
  let done = 0;
  for (const entry of entries) {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    let dest: string;
    try {
      dest = resolveInside(target, entry.fileName);
    } catch {
      throw refuse(`the entry "${entry.fileName}" points outside the bundle`);
    }
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await inflateEntry(zip, entry, createWriteStream(dest, { flags: 'wx' }), limits, tally, signal);
    done += 1;
    onEntry(done, entries.length);
  }
}
