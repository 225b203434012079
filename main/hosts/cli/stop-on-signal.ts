/** What `process` offers for this: a signal to listen for. Passed in, so the rule is tested without signals. */
interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

interface StopOnSignalOptions {
  /** Closes the server and the studio (which folds the open project's journal, stops engines). */
  stop: () => Promise<void>;
  signals: SignalSource;
  exit: (code: number) => void;
  /** One line for the person at the terminal. */
  say: (line: string) => void;
  /** After this long the process quits anyway: a stop that hangs must not need `kill -9`. */
  graceMs?: number;
  setTimer?: (run: () => void, ms: number) => void;
}

/** Exit codes a shell expects from a program ended by a signal (128 + the signal's number). */
const FORCED_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const DEFAULT_GRACE_MS = 15_000;

/**
 * Ctrl+C (or SIGTERM) stops `atelier serve` cleanly: it exits 0 once the server and the studio
 * are closed. A second signal, or a stop still running after the grace period, quits at once:
 * nothing is lost by that, since project edits are already in their journal on disk and
 * engine processes end when their parent does. A stop that fails says why and exits 1.
 */
export function stopOnSignals(options: StopOnSignalOptions): void {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const setTimer =
    options.setTimer ??
    ((run: () => void, ms: number) => {
      // Unref'd: a stop that ends in time must not wait for this timer.
      setTimeout(run, ms).unref();
    });
  let stopping = false;
  let finished = false;
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    options.exit(code);
  };
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (stopping) {
      options.say('Quitting at once.');
      finish(FORCED_EXIT[signal]);
      return;
    }
    stopping = true;
    options.say('Stopping Atelier… (press Ctrl+C again to quit at once)');
    setTimer(() => {
      options.say(`Atelier did not stop within ${Math.round(graceMs / 1000)} s; quitting anyway.`);
      finish(1);
    }, graceMs);
    options.stop().then(
      () => finish(0),
      (error: unknown) => {
        options.say(`atelier: could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        finish(1);
      },
    );
  };
  options.signals.on('SIGINT', () => onSignal('SIGINT'));
  options.signals.on('SIGTERM', () => onSignal('SIGTERM'));
}
