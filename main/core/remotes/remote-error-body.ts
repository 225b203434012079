import { AtelierError } from '../../../preload/errors.js';
import type { Logger } from '../../platform/log.js';

/** Longest piece of a remote's own words that reaches the caller. */
export const REMOTE_SUMMARY_LIMIT = 160;

let log: Logger | undefined;

/** The studio hands its logger over once; the full bodies of failed answers go there. */
export function useRemoteLog(logger: Logger): void {
  log = logger;
}

/**
 * A remote's error body is somebody else's text: it may be a 10 kB HTML page, carry
 * terminal escapes, or echo a prompt. The caller gets the status and at most one short,
 * printable line of it; the whole body goes to the local log for whoever debugs.
 */
export function summarizeRemoteText(text: string): string {
  const firstLine =
    text
      .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
      .split(/\r?\n|\r/)
      .map((line) => line.trim())
      .find((line) => line !== '') ?? '';
  const printable = firstLine
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Markup is a server's error page, not a message: its first line says nothing useful.
  if (printable.startsWith('<')) return '';
  const chars = Array.from(printable);
  return chars.length > REMOTE_SUMMARY_LIMIT ? `${chars.slice(0, REMOTE_SUMMARY_LIMIT - 1).join('')}…` : printable;
}

/** The typed error for a non-2xx answer. */
export function httpError(status: number, text: string, who: string): AtelierError {
  if (text !== '') log?.warn('remotes', `${who} answered HTTP ${status}`, { body: text });
  let message = text;
  let modelMissing = false;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; code?: unknown } | string; message?: unknown };
    const inner = typeof parsed.error === 'object' ? parsed.error?.message : (parsed.error ?? parsed.message);
    if (typeof inner === 'string') message = inner;
    modelMissing = status === 404 && typeof parsed.error === 'object' && parsed.error?.code === 'model_not_found';
  } catch {
    // Not JSON: summarise the text itself.
  }
  const summary = summarizeRemoteText(message) || 'no reason given';
  if (modelMissing) return new AtelierError('MODEL_NOT_FOUND', `${who} has no such model: ${summary}`);
  if (status === 401 || status === 403) {
    return new AtelierError('REMOTE_FAILED', `${who} refused the key (HTTP ${status}): ${summary}. Set it with 'atelier remotes add NAME URL --key KEY'.`);
  }
  return new AtelierError('REMOTE_FAILED', `${who} answered HTTP ${status}: ${summary}`);
}
