import { Readable } from 'node:stream';
import type { FileRef } from '../../../preload/contract.js';
import { RECORDING_CHANNEL } from '../../../preload/desktop-bridge.js';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import { receiveUpload } from '../../core/files/incoming-files.js';
import type { FileRefs } from '../../core/files/file-refs.js';
import { isTrustedIpcSender, type IpcMainLike } from './ipc-bridge.js';

/**
 * A take recorded in the window arrives as bytes (a WAV made in memory has no path), and
 * is kept in incoming/ exactly as the web host keeps an upload: the same caps on size,
 * count and free space, the same owned ref that `voice.saveRecording` then reads.
 */
export async function refForRecording(input: unknown, incomingDir: string, refs: FileRefs): Promise<FileRef> {
  const { bytes, name } = (input ?? {}) as { bytes?: unknown; name?: unknown };
  if (!(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes)) || typeof name !== 'string' || name.length > 255) {
    throw new AtelierError('INVALID_INPUT', 'A recording is sent as its bytes and a file name.');
  }
  const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return receiveUpload(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), name, incomingDir, refs);
}

/** The one IPC handler for recordings, behind the same sender check as every contract call. */
export function bindRecordingChannel(ipcMain: IpcMainLike, incomingDir: string, refs: FileRefs): () => void {
  ipcMain.handle(RECORDING_CHANNEL, async (event, input) => {
    try {
      if (!isTrustedIpcSender(event)) throw new AtelierError('FORBIDDEN', 'Recordings are only accepted from the studio window.');
      return { ok: true, result: await refForRecording(input, incomingDir, refs) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });
  return () => ipcMain.removeHandler(RECORDING_CHANNEL);
}
