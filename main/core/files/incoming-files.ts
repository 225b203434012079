import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileRef } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { formatBytes } from '../../../preload/human-units.js';
import { DISK_MARGIN_BYTES, freeBytes as systemFreeBytes, type FreeBytes } from './disk-space.js';
import type { FileRefs } from './file-refs.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../platform/private-files.js';
import { firstCodePoints, wellFormed } from './file-name-rules.js';

/**
 * What incoming/ may hold. Uploads there are transient (an import or an asset picks
 * them up within the session), so the folder is capped and cleaned rather than trusted
 * to empty itself.
 */
interface IncomingLimits {
  /** One upload; the free disk space (less a margin) lowers it further. */
  maxFileBytes: number;
  /** Files kept in incoming/ at once. */
  maxFiles: number;
  /** Bytes kept in incoming/ at once. */
  maxTotalBytes: number;
  /** Files older than this are stale: removed at start and when room is needed. */
  maxAgeMs: number;
}

export const INCOMING_LIMITS: IncomingLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxFiles: 64,
  maxTotalBytes: 8 * 1024 ** 3,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

interface UploadOptions {
  limits?: Partial<IncomingLimits>;
  freeBytes?: FreeBytes;
  now?: () => number;
}

interface Held {
  files: number;
  bytes: number;
}

/**
 * Removes files in incoming/ older than `maxAgeMs` (all of them with 0) and says what is
 * left. Run at studio start: refs do not outlive a run, so older files are orphans.
 * Files younger than a day are kept, as another process of this data folder may still use them.
 */
export async function cleanIncoming(incomingDir: string, maxAgeMs = INCOMING_LIMITS.maxAgeMs, now = Date.now()): Promise<Held> {
  const held: Held = { files: 0, bytes: 0 };
  const names = await fs.readdir(incomingDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  for (const name of names) {
    const file = path.join(incomingDir, name);
    const stat = await fs.lstat(file).catch(() => null);
    if (!stat) continue;
    if (now - stat.mtimeMs >= maxAgeMs || !stat.isFile()) {
      await fs.rm(file, { recursive: true, force: true });
      continue;
    }
    held.files += 1;
    held.bytes += stat.size;
  }
  return held;
}

/**
 * Streams an upload to the data folder's incoming/ and hands back a ref for it. Refused
 * with TOO_LARGE, before or while it arrives, when it would pass the per-file cap, the
 * free disk space, or the folder's caps on files and bytes (stale files are cleared first).
 */
export async function receiveUpload(body: Readable, rawName: string, incomingDir: string, refs: FileRefs, options: UploadOptions = {}): Promise<FileRef> {
  const limits = { ...INCOMING_LIMITS, ...options.limits };
  const name = firstCodePoints(wellFormed(path.basename(rawName.replace(/\\/g, '/'))).replace(/[\u0000-\u001f]/g, ''), 255) || 'upload';
  await ensurePrivateDir(incomingDir);
  const held = await cleanIncoming(incomingDir, limits.maxAgeMs, (options.now ?? Date.now)());
  if (held.files >= limits.maxFiles) {
    body.resume();
    throw new AtelierError('TOO_LARGE', `Too many uploads are waiting (${held.files}, at most ${limits.maxFiles}); finish or cancel an import first.`);
  }
  if (held.bytes >= limits.maxTotalBytes) {
    body.resume();
    throw new AtelierError(
      'TOO_LARGE',
      `Uploads waiting in the data folder already hold ${formatBytes(held.bytes)}, the most kept at once; finish or cancel an import first.`,
    );
  }
  const free = Math.max(0, (await (options.freeBytes ?? systemFreeBytes)(incomingDir)) - DISK_MARGIN_BYTES);
  const room = Math.min(limits.maxFileBytes, limits.maxTotalBytes - held.bytes, free);
  const why =
    room === limits.maxFileBytes
      ? `Uploads are limited to ${formatBytes(limits.maxFileBytes)}.`
      : room === free
        ? `Not enough free disk space for this upload (${formatBytes(free)} to spare).`
        : `Uploads waiting in the data folder already hold ${formatBytes(held.bytes)} of ${formatBytes(limits.maxTotalBytes)}.`;
  const target = path.join(incomingDir, randomBytes(12).toString('hex'));
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > room) callback(new AtelierError('TOO_LARGE', why));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(target, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
  } catch (error) {
    await fs.rm(target, { force: true });
    if (error instanceof AtelierError) throw error;
    throw new AtelierError('IO_ERROR', `The upload did not arrive whole: ${(error as Error).message}`);
  }
  return refs.register({ path: target, name, size, owned: true });
}
