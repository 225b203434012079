import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';

const CHUNK = 4 * 1024 * 1024;

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
}

/** Streams a file through sha256; `onBytes` hears how far it got (for progress). */
export async function sha256File(file: string, options: { signal?: AbortSignal; onBytes?: (done: number) => void } = {}): Promise<string> {
  const hash = createHash('sha256');
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let done = 0;
    for (;;) {
      throwIfAborted(options.signal);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, done);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      done += bytesRead;
      options.onBytes?.(done);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/**
 * Copies a file and hashes it in the same pass (one read of a multi-gigabyte model,
 * not two). The copy is flushed to disk before this returns.
 */
export async function copyFileWithSha256(
  from: string,
  to: string,
  options: { signal?: AbortSignal; onBytes?: (done: number) => void } = {},
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const source = await fs.open(from, 'r');
  try {
    const target = await fs.open(to, 'wx');
    try {
      const buffer = Buffer.alloc(CHUNK);
      let done = 0;
      for (;;) {
        throwIfAborted(options.signal);
        const { bytesRead } = await source.read(buffer, 0, CHUNK, done);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        await target.write(chunk, 0, bytesRead, done);
        hash.update(chunk);
        done += bytesRead;
        options.onBytes?.(done);
      }
      await target.sync();
      return { size: done, sha256: hash.digest('hex') };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
