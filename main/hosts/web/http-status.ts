import type { ErrorCode } from '../../../preload/errors.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_CALL: 404,
  MODEL_NOT_FOUND: 404,
  NO_PROJECT_OPEN: 409,
  PROJECT_CORRUPT: 409,
  BUNDLE_INVALID: 422,
  TOO_LARGE: 413,
  DISK_FULL: 507,
  UNSUPPORTED: 501,
  ENGINE_UNAVAILABLE: 503,
  REMOTE_UNREACHABLE: 502,
  REMOTE_FAILED: 502,
  REMOTE_TIMEOUT: 504,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}
