/**
 * Whether a process with this pid still runs: how a lock or a temp file names its owner,
 * so the next process can tell one left by a crash from one still in use.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
