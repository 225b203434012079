import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileRef } from '../../../preload/contract.js';
import { DROPPED_FILES_CHANNEL, MAX_DROPPED_FILES } from '../../../preload/desktop-bridge.js';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import { isTrustedIpcSender, type IpcMainLike } from './ipc-bridge.js';

/**
 * Vouches for files dropped from the operating system. The preload reads their paths with
 * Electron's webUtils (a page cannot make up a File with a path), and main still checks each
 * one: an absolute path to a regular file, as a picked file would be. Folders and things
 * that are not files are refused by name; nothing is read or copied until the import job.
 */
export async function refsForDroppedPaths(
  input: unknown,
  register: (file: { path: string; name: string; size: number; owned: boolean }) => FileRef,
): Promise<FileRef[]> {
  if (!Array.isArray(input) || input.some((p) => typeof p !== 'string')) throw new AtelierError('INVALID_INPUT', 'A drop sends a list of file paths.');
  const paths = input as string[];
  if (paths.length > MAX_DROPPED_FILES)
    throw new AtelierError('INVALID_INPUT', `${paths.length} files were dropped; at most ${MAX_DROPPED_FILES} can be imported at once.`);
  const refs: FileRef[] = [];
  for (const file of paths) {
    if (file.length === 0 || file.length > 4096 || file.includes('\0') || !path.isAbsolute(file)) {
      throw new AtelierError('INVALID_INPUT', 'A dropped file has no usable path.');
    }
    const stat = await fs.stat(file).catch(() => null);
    const name = path.basename(file);
    if (!stat) throw new AtelierError('NOT_FOUND', `“${name}” is no longer there.`);
    if (stat.isDirectory()) throw new AtelierError('UNSUPPORTED', `“${name}” is a folder; drop the files inside it.`);
    if (!stat.isFile()) throw new AtelierError('UNSUPPORTED', `“${name}” is not a file.`);
    refs.push(register({ path: file, name, size: stat.size, owned: false }));
  }
  return refs;
}

/** The one IPC handler for drops, behind the same sender check as every contract call. */
export function bindFileDrop(ipcMain: IpcMainLike, register: Parameters<typeof refsForDroppedPaths>[1]): () => void {
  ipcMain.handle(DROPPED_FILES_CHANNEL, async (event, input) => {
    try {
      if (!isTrustedIpcSender(event)) throw new AtelierError('FORBIDDEN', 'Drops are only accepted from the studio window.');
      return { ok: true, result: await refsForDroppedPaths(input, register) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });
  return () => ipcMain.removeHandler(DROPPED_FILES_CHANNEL);
}
