import type { ErrorCode } from '../../../preload/contract.js';

/** What the creator can do next, per error code: a failure always ends in a next step. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED: 'Open the link that atelier serve printed; it carries this launch’s key.',
  FORBIDDEN: 'Atelier refused this for safety. Use the link that atelier serve printed.',
  NOT_FOUND: 'It may have been moved or deleted. Refresh the list and try again.',
  UNSUPPORTED: 'Atelier can’t use this kind of file yet. Try PNG, JPEG, WAV, MP3 or Markdown.',
  NO_PROJECT_OPEN: 'Open or create a project first, then try again.',
  PROJECT_CORRUPT:
    'The project file is damaged. Put a good copy of project.json back into its folder (the sidebar shows where), or move the project to the trash.',
  BUNDLE_INVALID: 'The bundle is damaged or unsafe, so nothing was imported. Export it again from Atelier.',
  TOO_LARGE: 'Pick a smaller file.',
  DISK_FULL: 'The disk is full. Free some space, then try again; nothing saved before was lost.',
  IO_ERROR: 'Check that the disk has free space and the data folder is writable, then try again.',
  ENGINE_UNAVAILABLE: 'Install a model for this engine in Models.',
  ENGINE_CRASHED: 'The engine restarts on the next job. Try again, or pick a smaller model.',
  MODEL_INVALID: 'The model file is damaged or of the wrong kind. Remove it in Models and add it again.',
  MODEL_NOT_FOUND: 'The model’s file is gone. Remove it in Models and download or import it again.',
  MODEL_UNSUPPORTED: 'This model’s architecture is not supported by this version of Atelier. Pick another model in Models.',
  MODEL_TOO_LARGE: 'Pick a smaller model in Models; this one needs more memory than is free.',
  DOWNLOAD_FAILED: 'Check the connection and retry; the download resumes where it stopped.',
  CHECKSUM_MISMATCH: 'The file arrived damaged. Remove it and download it again.',
  INVALID_INPUT: 'Check the values you entered and try again.',
  REMOTE_UNREACHABLE: 'Check that the remote server is running and its address is right (Settings → Remote engines, or atelier remotes list).',
  REMOTE_TIMEOUT: 'The remote server is busy or stuck. Try again, or pick a local model.',
  REMOTE_FAILED: 'The remote server refused or broke off the request. Check its key and its own log, then try again.',
};

const FALLBACK = 'Try again. If it keeps failing, the log in Atelier’s data folder has the details.';

/** An error may carry its own next step (or `hint: null` when its message already says it). */
export function ownHint(error: unknown): string | null | undefined {
  if (typeof error !== 'object' || error === null || !('hint' in error)) return undefined;
  const { hint } = error as { hint: unknown };
  return typeof hint === 'string' || hint === null ? hint : undefined;
}

/**
 * Causes a message itself reveals: the one hint that applies instead of the code's list of
 * possibilities ("free space and a writable folder" is no help when the file already exists).
 */
const CAUSES: readonly [RegExp, string][] = [
  [/already exists/i, 'Choose another name or folder; nothing was replaced.'],
  [/\b(ENOSPC|no space left)\b/i, HINTS.DISK_FULL ?? ''],
  [/\b(EACCES|EPERM|EROFS|permission denied|read-only)\b/i, 'Atelier may not write there. Pick a folder you own, or change its permissions.'],
  [/\b(ENOENT|no such file)\b/i, 'The file or folder is no longer there. Check where it went, then try again.'],
];

/** A message that already says what to do next ("…; drop the files inside it.", "… Download one in Models."). */
const OWN_STEP =
  /(^|[.;:!?]\s+|\bthen\s+)(try|give|pick|choose|open|install|remove|download|free|drop|check|use|add|put|import|rename|close|wait|restart|select|create|move|type|enter|set)\b/i;

/** The next step for a failure: the one its message points to, none when the message names its own, else the code's. */
export function hintFor(code: ErrorCode | undefined, message?: string): string | null {
  if (code === 'CANCELLED') return null;
  if (message) {
    const cause = CAUSES.find(([pattern]) => pattern.test(message));
    if (cause) return cause[1];
    if (OWN_STEP.test(message)) return null;
  }
  return (code && HINTS[code]) ?? FALLBACK;
}
