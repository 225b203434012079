import { AtelierError, type ErrorCode } from '../../../preload/errors.js';

/**
 * What a failed llama.cpp load means, read from its error and log lines. Words are matched
 * whole: "error loading model hyperparameters" contains "ram" and once read as out of memory.
 */
export function loadFailureCode(message: string): Extract<ErrorCode, 'MODEL_UNSUPPORTED' | 'MODEL_TOO_LARGE' | 'MODEL_INVALID'> {
  if (/\bunknown( model)? architecture\b/i.test(message)) return 'MODEL_UNSUPPORTED';
  if (/\b(out of memory|memory|VRAM|RAM|OOM)\b/i.test(message) || /\bfailed to allocate\b/i.test(message)) return 'MODEL_TOO_LARGE';
  return 'MODEL_INVALID';
}

/**
 * node-llama-cpp's words when a prompt (messages, tool definitions, a grammar's room) does
 * not fit the context are about its internals ("context shift strategy…"): every caller gets
 * a typed TOO_LARGE that says what to do instead, and can fall back (a storyboard without tools).
 */
export function contextOverflow(error: unknown): AtelierError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/context shift|context size|too long for the context|exceeds the context/i.test(message)) return null;
  return new AtelierError(
    'TOO_LARGE',
    'The request does not fit the text model’s context (its messages, tools and reply together). Shorten it, or raise the context size in Settings.',
  );
}
