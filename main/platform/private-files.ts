import fsSync from 'node:fs';
import fs from 'node:fs/promises';

/**
 * The data folder holds a creator's projects, prompts, logs and keys: owner-only.
 * Every folder Atelier creates for them is made through these helpers and every file
 * through the atomic writer (whose default mode is PRIVATE_FILE_MODE), so there is one
 * place that decides the modes.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** For files a creator asked for somewhere of their own (CLI outputs): ordinary permissions. */
export const SHARED_FILE_MODE = 0o644;

/** mkdir -p with owner-only folders (the umask can only narrow the mode further). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export function ensurePrivateDirSync(dir: string): void {
  fsSync.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates the folder owner-only, and narrows one that already exists (an older install
 * made it 0755) when this user owns it; a folder someone else owns is left alone.
 */
export async function ensurePrivateHome(dir: string): Promise<void> {
  await ensurePrivateDir(dir);
  await tightenOwned(dir, PRIVATE_DIR_MODE);
}

/** chmod to `mode` when the path is ours and currently grants group or others anything. */
async function tightenOwned(target: string, mode: number): Promise<void> {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  const stat = await fs.stat(target).catch(() => null);
  if (!stat || stat.uid !== process.getuid() || (stat.mode & 0o077) === 0) return;
  await fs.chmod(target, mode).catch(() => undefined);
}

export function tightenOwnedSync(target: string, mode: number): void {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  let stat: fsSync.Stats;
  try {
    stat = fsSync.statSync(target);
  } catch {
    return;
  }
  if (stat.uid !== process.getuid() || (stat.mode & 0o077) === 0) return;
  try {
    fsSync.chmodSync(target, mode);
  } catch {
    // Best effort: a read-only mount keeps its modes.
  }
}
