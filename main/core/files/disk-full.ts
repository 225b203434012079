import { AtelierError } from '../../../preload/errors.js';

/** True for the errors a full disk (or a used-up quota) gives. */
function isDiskFull(error: unknown): boolean {
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

/** What ffmpeg (through strerror) prints when a write fails with ENOSPC or EDQUOT. */
const DISK_FULL_WORDS = /No space left on device|Disk quota exceeded/i;

/**
 * A child process that failed because the disk filled up says so only in words on its
 * stderr: DISK_FULL for that, undefined for any other failure.
 */
export function diskFullFromStderr(stderr: string, what: string): AtelierError | undefined {
  if (!DISK_FULL_WORDS.test(stderr)) return undefined;
  return new AtelierError('DISK_FULL', `The disk is full: ${what} was not written. Free some space and try again; nothing half-written was kept.`);
}
