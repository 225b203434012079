import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDirSync, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenOwnedSync } from './private-files.js';

export interface Logger {
  info(area: string, message: string, extra?: Record<string, unknown>): void;
  warn(area: string, message: string, extra?: Record<string, unknown>): void;
  error(area: string, message: string, extra?: Record<string, unknown>): void;
  close(): void;
}

/** JSON lines in the data folder's logs/, so a creator can attach one file to a bug report. */
export function createFileLogger(logsDir: string): Logger {
  ensurePrivateDirSync(logsDir);
  tightenOwnedSync(logsDir, PRIVATE_DIR_MODE);
  const file = path.join(logsDir, 'atelier.log');
  // Prompts and paths end up in the log: owner-only, and a log an older version left readable is narrowed.
  tightenOwnedSync(file, PRIVATE_FILE_MODE);
  const stream = fs.createWriteStream(file, { flags: 'a', mode: PRIVATE_FILE_MODE });
  stream.on('error', () => undefined);
  const write = (level: string) => (area: string, message: string, extra?: Record<string, unknown>) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, area, message, ...extra })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), close: () => stream.end() };
}
