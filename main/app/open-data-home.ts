import { AtelierError } from '../../preload/errors.js';
import { createFileLogger, type Logger } from '../platform/log.js';
import { ensurePrivateHome } from '../platform/private-files.js';

/**
 * Makes the data folder (owner-only) and its log, or says in words a creator can act on why
 * it cannot: ATELIER_HOME naming a file, a folder this user may not write, a read-only or
 * full disk. Without this the first mkdir's errno reached the screen as INTERNAL.
 */
export async function openDataHome(home: string, logsDir: string): Promise<Logger> {
  try {
    await ensurePrivateHome(home);
    return createFileLogger(logsDir);
  } catch (error) {
    throw dataHomeError(error, home) ?? error;
  }
}

/** The typed error for a data folder that cannot be made or written, or undefined for anything else. */
export function dataHomeError(error: unknown, home: string): AtelierError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `Atelier's data folder ${home}`;
  const choose = 'Set ATELIER_HOME to a folder you own to keep everything there instead.';
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return new AtelierError('IO_ERROR', `${where} cannot be made: a file is in the way (a file, not a folder, has that name or a part of it). ${choose}`, {
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
      return new AtelierError('IO_ERROR', `${where} cannot be written: permission denied. ${choose}`, { cause: error });
    case 'EROFS':
      return new AtelierError('IO_ERROR', `${where} is on a read-only disk. ${choose}`, { cause: error });
    case 'ENOSPC':
    case 'EDQUOT':
      return new AtelierError('DISK_FULL', `The disk is full: ${where} cannot be made. Free some space and try again.`, { cause: error });
    default:
      return undefined;
  }
}
