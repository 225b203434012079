import fs from 'node:fs';
import { readGgufFileInfo } from 'node-llama-cpp';
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

/** A model file's GGUF header (and its tensor list when asked), or the typed error a creator can act on; both text hosts load through it. */
export async function readModelFile(file: string, name: string, readTensorInfo = false) {
  if (!fs.existsSync(file)) throw new AtelierError('MODEL_NOT_FOUND', `There is no model file at ${file}.`);
  try {
    const info = await readGgufFileInfo(file, { readTensorInfo });
    const architecture = String(info.metadata.general?.architecture ?? '');
    return { info, architecture };
  } catch (error) {
    throw new AtelierError('MODEL_INVALID', `${name} is not a readable GGUF model: ${(error as Error).message}`);
  }
}

export function unsupportedArchitecture(name: string, architecture: string): AtelierError {
  return new AtelierError('MODEL_UNSUPPORTED', `${name} uses the "${architecture || 'unknown'}" architecture, which this version of llama.cpp does not run.`);
}

/** What a failed load says, from its error and llama.cpp's log lines: unsupported, or invalid with the likeliest reason. */
export function loadFailure(name: string, architecture: string, error: unknown, log: readonly string[]): AtelierError {
  const message = [(error as Error).message, ...log].join('\n');
  const code = loadFailureCode(message);
  if (code === 'MODEL_UNSUPPORTED') return unsupportedArchitecture(name, architecture);
  if (code === 'MODEL_TOO_LARGE') return new AtelierError('MODEL_TOO_LARGE', `${name} does not fit in memory: ${message}`);
  const reason = log.findLast((line) => /error|failed|invalid/i.test(line)) ?? (error as Error).message;
  return new AtelierError('MODEL_INVALID', `${name} could not be loaded: ${reason}`);
}
