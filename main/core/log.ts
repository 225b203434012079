import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(area: string, message: string, extra?: Record<string, unknown>): void;
  warn(area: string, message: string, extra?: Record<string, unknown>): void;
  error(area: string, message: string, extra?: Record<string, unknown>): void;
  close(): void;
}

/** JSON lines in the data folder's logs/, so a creator can attach one file to a bug report. */
export function createFileLogger(logsDir: string): Logger {
  fs.mkdirSync(logsDir, { recursive: true });
  const stream = fs.createWriteStream(path.join(logsDir, 'atelier.log'), { flags: 'a' });
  stream.on('error', () => undefined);
  const write = (level: string) => (area: string, message: string, extra?: Record<string, unknown>) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, area, message, ...extra })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), close: () => stream.end() };
}
