import type { Logger } from '../../../main/platform/log.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  area: string;
  message: string;
  extra?: Record<string, unknown>;
}

/** A Logger that keeps its lines in memory, so tests can check what was reported. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (area: string, message: string, extra?: Record<string, unknown>) => {
    lines.push({ level, area, message, ...(extra && { extra }) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), close: () => undefined };
}
