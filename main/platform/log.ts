import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDirSync, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenOwnedSync } from './private-files.js';

export interface Logger {
  info(area: string, message: string, extra?: Record<string, unknown>): void;
  warn(area: string, message: string, extra?: Record<string, unknown>): void;
  error(area: string, message: string, extra?: Record<string, unknown>): void;
  close(): void;
}

/**
 * JSON lines in the data folder's logs/, so a creator can attach one file to a bug report.
 * Each line is written before the call returns: a log matters most when the process is about
 * to die (`process.exit` after an error, a crash), and a write stream loses whatever it still
 * holds then. Atelier logs a few lines per minute, so a synchronous append costs nothing felt.
 */
export function createFileLogger(logsDir: string): Logger {
  ensurePrivateDirSync(logsDir);
  tightenOwnedSync(logsDir, PRIVATE_DIR_MODE);
  const file = path.join(logsDir, 'atelier.log');
  // Prompts and paths end up in the log: owner-only, and a log an older version left readable is narrowed.
  tightenOwnedSync(file, PRIVATE_FILE_MODE);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
  } catch {
    // A log that cannot be opened (read-only disk, full quota) must not stop the studio.
  }
  const write = (level: string) => (area: string, message: string, extra?: Record<string, unknown>) => {
    if (fd === undefined) return;
    try {
      fs.writeSync(fd, `${JSON.stringify({ time: new Date().toISOString(), level, area, message, ...extra })}\n`);
    } catch {
      // A full disk loses log lines, never the call that logged them.
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
  return { info: write('info'), warn: write('warn'), error: write('error'), close };
}
