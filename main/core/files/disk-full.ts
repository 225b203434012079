import { AtelierError } from '../../../preload/errors.js';

/** True for the errors a full disk (or a used-up quota) gives. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** A full disk as DISK_FULL (a typed error the creator can act on); anything else unchanged. */
export function asDiskFull(error: unknown, what: string): unknown {
  if (!isDiskFull(error)) return error;
  return new AtelierError('DISK_FULL', `The disk is full: ${what} was not written. Free some space and try again; the previous version is kept.`, {
    cause: error,
  });
}
