import { createWriteStream } from 'node:fs';
import type yazl from 'yazl';
import { AtelierError } from '../../../preload/errors.js';

export interface ZipEntry {
  /** Forward-slash path inside the archive. */
  name: string;
  file?: string;
  bytes?: Uint8Array;
}

/** Writes `entries` to `out` with yazl; an abort stops it between entries (CANCELLED). */
export async function writeZip(out: string, entries: ZipEntry[], signal: AbortSignal, onEntry?: (done: number) => void): Promise<void> {
  // yazl loads with the first zip, not with the studio.
  const { default: zipLib } = await import('yazl');
  const zip: yazl.ZipFile = new zipLib.ZipFile();
  const finished = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(out);
    // yazl reads the files while it streams, so a cancel must stop the stream, not just the adding.
    const onAbort = () => {
      zip.outputStream.unpipe(stream);
      stream.destroy();
      reject(new AtelierError('CANCELLED', 'Cancelled.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('error', (error) => reject(new AtelierError('IO_ERROR', `Cannot write ${out}: ${error.message}`)));
    stream.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    zip.outputStream.on('error', reject).pipe(stream);
  });
  let done = 0;
  for (const entry of entries) {
    if (signal.aborted) break;
    // Already-compressed media gains nothing from deflate; store it.
    const compress = !/\.(png|jpe?g|webp|avif|mp3|ogg|opus|mp4|webm|zip)$/i.test(entry.name);
    if (entry.file) zip.addFile(entry.file, entry.name, { compress });
    else zip.addBuffer(Buffer.from(entry.bytes ?? new Uint8Array()), entry.name, { compress });
    onEntry?.(++done);
  }
  zip.end();
  await finished;
  if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
}
