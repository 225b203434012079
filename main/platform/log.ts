import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDirSync, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenOwnedSync } from './private-files.js';

export interface Logger {
  info(area: string, message: string, extra?: Record<string, unknown>): void;
  warn(area: string, message: string, extra?: Record<string, unknown>): void;
  error(area: string, message: string, extra?: Record<string, unknown>): void;
  close(): void;
}

const LOG_FILE = 'atelier.log';
/** The log before the last rotation: together the two hold the recent past and stay small enough to attach. */
const OLDER_LOG_FILE = 'atelier.1.log';
const ROTATE_AT_BYTES = 8 * 1024 * 1024;

/**
 * JSON lines in the data folder's logs/, so a creator can attach one file to a bug report.
 * Each line is written before the call returns: a log matters most when the process is about
 * to die (`process.exit` after an error, a crash), and a write stream loses whatever it still
 * holds then. Atelier logs a few lines per minute, so a synchronous append costs nothing felt.
 * Past `rotateAtBytes` the log becomes atelier.1.log (replacing the older one) and a new one
 * starts, so months of use (an engine that keeps warning) never fill the disk.
 */
export function createFileLogger(logsDir: string, options: { rotateAtBytes?: number } = {}): Logger {
  let rotateAt = options.rotateAtBytes ?? ROTATE_AT_BYTES;
  ensurePrivateDirSync(logsDir);
  tightenOwnedSync(logsDir, PRIVATE_DIR_MODE);
  const file = path.join(logsDir, LOG_FILE);
  // Prompts and paths end up in the log: owner-only, and a log an older version left readable is narrowed.
  tightenOwnedSync(file, PRIVATE_FILE_MODE);
  let fd: number | undefined;
  let size = 0;
  const open = () => {
    try {
      fd = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
      size = fs.fstatSync(fd).size;
    } catch {
      // A log that cannot be opened (read-only disk, full quota) must not stop the studio.
      fd = undefined;
    }
  };
  const close = () => {
    if (fd === undefined) return;
    // Forget the descriptor first: the number may be reused by the next file opened.
    const closing = fd;
    fd = undefined;
    try {
      fs.closeSync(closing);
    } catch {
      // Already closed by someone else: nothing left to flush.
    }
  };
  const rotate = () => {
    close();
    try {
      fs.renameSync(file, path.join(logsDir, OLDER_LOG_FILE));
    } catch {
      // Cannot rename (another process holds it on Windows): keep appending to the one log, without retrying each line.
      rotateAt = Number.POSITIVE_INFINITY;
    }
    open();
  };
  open();
  if (size >= rotateAt) rotate();
  const write = (level: string) => (area: string, message: string, extra?: Record<string, unknown>) => {
    if (fd === undefined) return;
    const line = `${JSON.stringify({ time: new Date().toISOString(), level, area, message, ...extra })}\n`;
    try {
      size += fs.writeSync(fd, line);
    } catch {
      // A full disk loses log lines, never the call that logged them.
    }
    if (size >= rotateAt) rotate();
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), close };
}
