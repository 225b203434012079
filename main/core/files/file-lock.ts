import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';
import { processAlive } from '../../platform/process-alive.js';

/**
 * A lock file shared by every Atelier process on one data folder (a running studio and
 * the CLI beside it), so that each change to a shared file (the models' registry.json, a
 * project's project.json and journal) is a read-modify-write of the current file and no
 * process overwrites another's. It is held only for the few file operations of one
 * change, never during a copy or a download. A lock left by a process that died is taken
 * over: its owner's pid no longer runs, or it is older than any real change could take.
 */
const STALE_MS = 30_000;
/**
 * A lock file with no pid in it yet was caught between its creation and its write, which
 * takes microseconds: one that old had a writer killed in between (a kill -9 there left an
 * empty lock that every later process waited on until it gave up).
 */
const UNWRITTEN_MS = 2_000;
const WAIT_MS = 15_000;
const POLL_MS = 20;

async function isStale(lockFile: string): Promise<boolean> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockFile, 'utf8'), fs.stat(lockFile)]);
    const pid = Number.parseInt(text, 10);
    const age = Date.now() - stat.mtimeMs;
    if (age > STALE_MS) return true;
    if (!(Number.isInteger(pid) && pid > 0)) return age > UNWRITTEN_MS;
    return pid !== process.pid && !processAlive(pid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Where no file can be created (a read-only data folder), nothing can change the index here either. */
const CANNOT_WRITE = new Set(['EACCES', 'EPERM', 'EROFS']);

async function acquire(lockFile: string, what: string): Promise<fs.FileHandle | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await fs.open(lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      return handle;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (CANNOT_WRITE.has(code)) return undefined;
      if (code !== 'EEXIST') throw error;
    }
    if (await isStale(lockFile)) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new AtelierError('IO_ERROR', `${what} stayed locked by another Atelier process for ${WAIT_MS / 1000} s (${lockFile}); try again.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Runs `work` while holding the lock file; callers serialise within the process first.
 * Without the right to create it, `work` runs unlocked: a write it tries fails on its own.
 * `what` names what the lock guards, for the error when it stays taken.
 */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, what = 'The folder'): Promise<T> {
  const handle = await acquire(lockFile, what);
  try {
    return await work();
  } finally {
    if (handle) {
      await handle.close();
      await fs.rm(lockFile, { force: true });
    }
  }
}
