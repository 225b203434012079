import type { Job } from '../../../preload/contract.js';

/** The part of Electron's app the guard listens to. */
interface QuittingApp {
  on(event: 'before-quit' | 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export type QuitAnswer = 'cancel-jobs-and-quit' | 'keep-working';

interface QuitDeps {
  /** Jobs still queued or running. */
  openJobs(): readonly Pick<Job, 'id' | 'title'>[];
  /** Asks the creator (a native message box): quitting now cancels these jobs. */
  ask(jobs: readonly Pick<Job, 'id' | 'title'>[]): Promise<QuitAnswer>;
  cancelAll(): void;
  /** Stops servers and engine hosts and flushes what is unsaved; runs once. */
  dispose(): Promise<void>;
  onError?(error: unknown): void;
}

/** The message a quit with running work shows: which jobs, and what quitting does to them. */
export function quitQuestion(jobs: readonly Pick<Job, 'title'>[]): { message: string; detail: string; buttons: [string, string] } {
  const count = jobs.length;
  const listed = jobs.slice(0, 5).map((job) => `• ${job.title}`);
  if (count > 5) listed.push(`• and ${count - 5} more`);
  return {
    message: count === 1 ? 'A job is still running.' : `${count} jobs are still running.`,
    detail: `${listed.join('\n')}\n\nQuitting now cancels ${count === 1 ? 'it' : 'them'}; finished work is already saved.`,
    buttons: ['Cancel Jobs and Quit', 'Keep Working'],
  };
}

/**
 * A clean quit: with jobs running, the creator chooses between cancelling them and staying;
 * then the studio is disposed once (engine hosts stopped, servers closed) before the app
 * really exits. A second quit while the question is open is held, not answered twice.
 */
export function installQuitGuard(app: QuittingApp, deps: QuitDeps): void {
  let confirmed = false;
  let asking = false;
  let disposed = false;
  app.on('before-quit', (event) => {
    if (confirmed) return;
    const jobs = deps.openJobs();
    if (jobs.length === 0) {
      confirmed = true;
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    void deps
      .ask(jobs)
      .then((answer) => {
        if (answer !== 'cancel-jobs-and-quit') return;
        deps.cancelAll();
        confirmed = true;
        app.quit();
      })
      .catch((error: unknown) => deps.onError?.(error))
      .finally(() => {
        asking = false;
      });
  });
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void deps
      .dispose()
      .catch((error: unknown) => deps.onError?.(error))
      .finally(() => app.quit());
  });
}
