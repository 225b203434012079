import type { ErrorCode } from '../../../preload/errors.js';

/**
 * What a failed llama.cpp load means, read from its error and log lines. Words are matched
 * whole: "error loading model hyperparameters" contains "ram" and once read as out of memory.
 */
export function loadFailureCode(message: string): Extract<ErrorCode, 'MODEL_UNSUPPORTED' | 'MODEL_TOO_LARGE' | 'MODEL_INVALID'> {
  if (/\bunknown( model)? architecture\b/i.test(message)) return 'MODEL_UNSUPPORTED';
  if (/\b(out of memory|memory|VRAM|RAM|OOM)\b/i.test(message) || /\bfailed to allocate\b/i.test(message)) return 'MODEL_TOO_LARGE';
  return 'MODEL_INVALID';
}
