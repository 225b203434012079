import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import yazl from 'yazl';

export interface ZipItem {
  name: string;
  bytes?: Uint8Array;
  /** A stream of `size` zero bytes (a bomb) instead of `bytes`. */
  zeros?: number;
  /** Unix mode bits, e.g. 0o120777 for a symbolic link. */
  mode?: number;
  compress?: boolean;
}

/** Writes a zip with yazl (it refuses unsafe names itself, so those are patched in afterwards). */
export async function writeTestZip(file: string, items: ZipItem[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  for (const item of items) {
    const options = { mode: item.mode, compress: item.compress ?? true };
    if (item.zeros !== undefined) {
      const size = item.zeros;
      const chunk = Buffer.alloc(1024 * 1024);
      let left = size;
      const stream = new Readable({
        read() {
          if (left <= 0) {
            this.push(null);
            return;
          }
          const n = Math.min(left, chunk.length);
          left -= n;
          this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
        },
      });
      zip.addReadStream(stream, item.name, { ...options, size });
    } else zip.addBuffer(Buffer.from(item.bytes ?? new Uint8Array()), item.name, options);
  }
  zip.end();
  await done;
}

/**
 * Replaces an entry name by another of the same length in both the local header and the
 * central directory: how a hostile tool writes names (`../x`, `/x`, `C:x`, `a\\x`) yazl won't.
 */
export async function renameEntry(file: string, from: string, to: string): Promise<void> {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('names must have the same length');
  const bytes = await fs.readFile(file);
  const needle = Buffer.from(from);
  let at = bytes.indexOf(needle);
  let count = 0;
  while (at >= 0) {
    Buffer.from(to).copy(bytes, at);
    count += 1;
    at = bytes.indexOf(needle, at + needle.length);
  }
  if (count < 2) throw new Error(`expected the name twice (local header and central directory), found it ${count} times`);
  await fs.writeFile(file, bytes);
}

/**
 * A bomb spread thin: `count` entries of `size` zero bytes each (ten of 31 MB by default),
 * each under a per-entry ratio check's threshold, together ~1000:1.
 */
export function spreadZeroBomb(count = 10, size = 31 * 1024 * 1024, prefix = 'assets/zeros'): ZipItem[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}.wav`, zeros: size }));
}
