/**
 * The one list of error codes. Every failure that crosses a boundary (IPC, HTTP,
 * CLI, a job) carries one of these, so the renderer and scripts can branch on it.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNSUPPORTED',
  'NO_PROJECT_OPEN',
  'PROJECT_CORRUPT',
  'BUNDLE_INVALID',
  'TOO_LARGE',
  'IO_ERROR',
  /** The disk filled up while writing; what was there before is kept. */
  'DISK_FULL',
  'CANCELLED',
  'ENGINE_UNAVAILABLE',
  'ENGINE_CRASHED',
  'MODEL_NOT_FOUND',
  'MODEL_INVALID',
  'MODEL_UNSUPPORTED',
  'MODEL_TOO_LARGE',
  'DOWNLOAD_FAILED',
  'CHECKSUM_MISMATCH',
  /** A remote engine (another OpenAI-compatible server) could not be reached, did not answer in time, or failed. */
  'REMOTE_UNREACHABLE',
  'REMOTE_TIMEOUT',
  'REMOTE_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
}

export class AtelierError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AtelierError';
    this.code = code;
  }

  toJSON(): ErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into the wire shape; unknown throwables become INTERNAL. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AtelierError) return error.toJSON();
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (isErrorCode(code) && typeof message === 'string') return { code, message };
    if (error instanceof Error && error.name === 'AbortError') return { code: 'CANCELLED', message: 'Cancelled.' };
    if (typeof message === 'string') return { code: 'INTERNAL', message };
  }
  return { code: 'INTERNAL', message: String(error) };
}

/**
 * contextBridge copies only an Error's message into the page, so the code rides
 * inside it as `[CODE] message` and the renderer's transport unpacks it again.
 */
export function errorForBridge(shape: ErrorShape): Error {
  return new Error(`[${shape.code}] ${shape.message}`);
}

export function errorFromBridge(error: unknown): AtelierError {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\[([A-Z_]+)\] ([\s\S]*)$/.exec(message);
  if (match && isErrorCode(match[1])) return new AtelierError(match[1], match[2] as string);
  return new AtelierError('INTERNAL', message);
}
