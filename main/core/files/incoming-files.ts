import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileRef } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { FileRefs } from './file-refs.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

/** Streams an upload to the data folder's incoming/ and hands back a ref for it. */
export async function receiveUpload(
  body: Readable,
  rawName: string,
  incomingDir: string,
  refs: FileRefs,
  limit = MAX_UPLOAD_BYTES,
): Promise<FileRef> {
  const name = path.basename(rawName.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').slice(0, 255) || 'upload';
  await ensurePrivateDir(incomingDir);
  const target = path.join(incomingDir, randomBytes(12).toString('hex'));
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) callback(new AtelierError('TOO_LARGE', `Uploads are limited to ${Math.round(limit / 1024 ** 2)} MB.`));
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
