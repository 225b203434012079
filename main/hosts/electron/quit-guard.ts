import type { Job } from '../../../preload/contract.js';

/** The part of Electron's app the guard listens to. */
interface QuittingApp {
  on(event: 'before-quit' | 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export type QuitAnswer = 'cancel-jobs-and-quit' | 'quit-when-done' | 'keep-working';

interface QuitDeps {
  /** Jobs still queued or running. */
  openJobs(): readonly Pick<Job, 'id' | 'title'>[];
  /** Asks the creator (a native message box): quitting now cancels these jobs. */
  ask(jobs: readonly Pick<Job, 'id' | 'title'>[]): Promise<QuitAnswer>;
  cancelAll(): void;
  /** Resolves once no job is queued or running (see whenJobsSettle). */
  whenIdle(): Promise<void>;
  /** Stops servers and engine hosts and flushes what is unsaved; runs once. */
  dispose(): Promise<void>;
  onError?(error: unknown): void;
  /** How long dispose may take before the app quits anyway (default 15 s), and the timer that counts it. */
  disposeDeadlineMs?: number;
  setTimer?(run: () => void, ms: number): void;
}

const DISPOSE_DEADLINE_MS = 15_000;

/** The message a quit with running work shows: which jobs, and what each answer does to them. */
export function quitQuestion(jobs: readonly Pick<Job, 'title'>[]): { message: string; detail: string; buttons: [string, string, string] } {
  const count = jobs.length;
  const listed = jobs.slice(0, 5).map((job) => `• ${job.title}`);
  if (count > 5) listed.push(`• and ${count - 5} more`);
  const them = count === 1 ? 'it' : 'them';
  return {
    message: count === 1 ? 'A job is still running.' : `${count} jobs are still running.`,
    detail: `${listed.join('\n')}\n\nQuit When Done lets ${them} finish, then quits; Cancel Jobs and Quit stops ${them} now. Finished work is already saved.`,
    buttons: ['Cancel Jobs and Quit', 'Quit When Done', 'Keep Working'],
  };
}

/** The answer for the button the message box reports (its index in quitQuestion's buttons). */
export function quitAnswerFor(response: number): QuitAnswer {
  return response === 0 ? 'cancel-jobs-and-quit' : response === 1 ? 'quit-when-done' : 'keep-working';
}

type JobEventName = 'job.done' | 'job.failed' | (string & {});

/**
 * Resolves when `openJobs()` is empty: at once, or on the job event after which it is
 * (done, failed and cancelled jobs all end with one). The subscription ends with it.
 */
export function whenJobsSettle(openJobs: () => readonly unknown[], subscribe: (listener: (name: JobEventName) => void) => () => void): Promise<void> {
  if (openJobs().length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = subscribe((name) => {
      if ((name === 'job.done' || name === 'job.failed') && openJobs().length === 0) {
        stop();
        resolve();
      }
    });
  });
}

/**
 * A clean quit: with jobs running, the creator chooses between cancelling them, letting them
 * finish and then quitting, and staying; then the studio is disposed once (engine hosts stopped, servers closed) before the app
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
      .then(async (answer) => {
        // The question has closed: a later quit asks again (while waiting, that is how to cancel instead).
        asking = false;
        if (answer === 'keep-working') return;
        if (answer === 'cancel-jobs-and-quit') deps.cancelAll();
        else await deps.whenIdle();
        if (confirmed) return;
        confirmed = true;
        app.quit();
      })
      .catch((error: unknown) => {
        asking = false;
        deps.onError?.(error);
      });
  });
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    // A dispose that hangs (an engine that never answers) must not leave a windowless app running:
    // past the deadline it quits anyway. Project edits are in their journal already, so none is lost.
    const deadline = deps.disposeDeadlineMs ?? DISPOSE_DEADLINE_MS;
    const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => void setTimeout(run, ms).unref());
    let quit = false;
    const quitOnce = () => {
      if (quit) return;
      quit = true;
      app.quit();
    };
    setTimer(() => {
      deps.onError?.(new Error(`the studio did not close within ${Math.round(deadline / 1000)} s; quitting anyway`));
      quitOnce();
    }, deadline);
    void deps
      .dispose()
      .catch((error: unknown) => deps.onError?.(error))
      .finally(quitOnce);
  });
}
