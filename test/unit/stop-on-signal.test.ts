import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { stopOnSignals } from '../../main/hosts/cli/stop-on-signal.js';

/** A serve process in miniature: signals to send, what it said, how it exited, a grace timer to fire. */
function harness(stop: () => Promise<void>) {
  const signals = new EventEmitter();
  const said: string[] = [];
  const exits: number[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  stopOnSignals({
    stop,
    signals: signals as unknown as Parameters<typeof stopOnSignals>[0]['signals'],
    exit: (code) => exits.push(code),
    say: (line) => said.push(line),
    graceMs: 15_000,
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  return { signals, said, exits, timers };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('stopping atelier serve', () => {
  test('one Ctrl+C stops cleanly and exits 0, saying so once', async () => {
    let stops = 0;
    const { signals, said, exits } = harness(async () => {
      stops += 1;
    });
    signals.emit('SIGINT');
    await settle();
    assert.equal(stops, 1);
    assert.deepEqual(exits, [0]);
    assert.deepEqual(said, ['Stopping Atelier… (press Ctrl+C again to quit at once)']);
  });

  test('a second signal while the stop runs quits at once, with the shell’s code for that signal', async () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const pending = deferred();
      let stops = 0;
      const { signals, said, exits } = harness(() => {
        stops += 1;
        return pending.promise;
      });
      signals.emit('SIGTERM');
      signals.emit(signal);
      assert.equal(stops, 1, 'the stop is not started twice');
      assert.deepEqual(exits, [code]);
      assert.equal(said.at(-1), 'Quitting at once.');
      // The first stop ending later does not exit a second time.
      pending.resolve();
      await settle();
      assert.deepEqual(exits, [code]);
    }
  });

  test('a stop that hangs past the grace period quits with 1 and says why', async () => {
    const { signals, said, exits, timers } = harness(() => new Promise<void>(() => undefined));
    signals.emit('SIGTERM');
    await settle();
    assert.deepEqual(exits, []);
    assert.equal(timers.length, 1);
    assert.equal(timers[0]?.ms, 15_000);
    timers[0]?.run();
    assert.deepEqual(exits, [1]);
    assert.match(said.at(-1) ?? '', /did not stop within 15 s; quitting anyway/);
  });

  test('a stop that fails says why in one line and exits 1', async () => {
    const { signals, said, exits, timers } = harness(() => Promise.reject(new Error('the models folder vanished')));
    signals.emit('SIGINT');
    await settle();
    assert.deepEqual(exits, [1]);
    assert.equal(said.at(-1), 'atelier: could not stop cleanly: the models folder vanished');
    // The grace timer firing afterwards changes nothing.
    timers[0]?.run();
    assert.deepEqual(exits, [1]);
  });
});
