import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { EventBus } from '../../main/core/events/event-bus.js';
import { JobManager } from '../../main/core/jobs/job-manager.js';
import { installQuitGuard, quitAnswerFor, quitQuestion, whenJobsSettle, type QuitAnswer } from '../../main/hosts/electron/quit-guard.js';
import { DEFAULT_SIZE, placeWindow, readWindowState, trackWindowState, type Bounds } from '../../main/hosts/electron/window-state.js';
import { waitFor } from '../support/wait-for.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string;
before(async () => {
  root = await makeTemp('atelier-window-');
});
after(async () => {
  await removeTemp(root);
});

const LAPTOP: Bounds = { x: 0, y: 0, width: 1440, height: 876 };
const MONITOR: Bounds = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window size and position', () => {
  test('reopens where it was when that is still on a screen', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: false };
    assert.deepEqual(placeWindow(saved, [LAPTOP, MONITOR]), saved);
  });

  test('a window left on an unplugged monitor opens at the default size instead, maximized state kept', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: true };
    assert.deepEqual(placeWindow(saved, [LAPTOP]), { bounds: { ...DEFAULT_SIZE }, maximized: true });
  });

  test('larger than the screen shrinks to it, smaller than the minimum grows, and a title bar off the top comes back', () => {
    const placed = placeWindow({ bounds: { x: -200, y: -50, width: 3000, height: 300 }, maximized: false }, [LAPTOP]);
    assert.deepEqual(placed.bounds, { x: 0, y: 0, width: 1440, height: 600 });
  });

  test('no saved state, or a damaged file, gives the default', async () => {
    assert.deepEqual(placeWindow(undefined, [LAPTOP]), { bounds: { ...DEFAULT_SIZE }, maximized: false });
    const file = path.join(root, 'damaged.json');
    await fs.writeFile(file, '{"bounds": {"x": "left"}');
    assert.equal(await readWindowState(file), undefined);
    assert.equal(await readWindowState(path.join(root, 'missing.json')), undefined);
  });

  test('moves are coalesced into one write; closing writes the last place at once; normal bounds survive a maximize', async () => {
    const file = path.join(root, 'window-state.json');
    const listeners = new Map<string, (() => void)[]>();
    let bounds = { x: 10, y: 20, width: 1200, height: 800 };
    let maximized = false;
    const window = {
      on: (event: string, listener: () => void) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
    };
    const fire = (event: string) => listeners.get(event)?.forEach((l) => l());
    const stop = trackWindowState(window, file, { delayMs: 30 });
    for (let i = 0; i < 50; i += 1) {
      bounds = { ...bounds, x: 10 + i };
      fire('move');
    }
    await waitFor('the coalesced move is saved', async () => (await readWindowState(file))?.bounds.x === 59);
    maximized = true;
    fire('maximize');
    bounds = { x: 300.4, y: 200, width: 1000, height: 700.6 };
    fire('close');
    await waitFor('the close is saved', async () => (await readWindowState(file))?.maximized === true);
    assert.deepEqual(await readWindowState(file), { bounds: { x: 300, y: 200, width: 1000, height: 701 }, maximized: true });
    stop();
  });
});

class FakeApp {
  readonly listeners = new Map<string, ((event: { preventDefault(): void }) => void)[]>();
  quits = 0;
  exited = false;
  on(event: string, listener: (event: { preventDefault(): void }) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  /** Electron's order: before-quit, then will-quit, each able to stop the quit. */
  quit() {
    this.quits += 1;
    for (const phase of ['before-quit', 'will-quit']) {
      let prevented = false;
      for (const listener of this.listeners.get(phase) ?? []) listener({ preventDefault: () => (prevented = true) });
      if (prevented) return;
    }
    this.exited = true;
  }
}

function guarded(jobs: { id: string; title: string }[], answer: QuitAnswer) {
  const app = new FakeApp();
  const log: string[] = [];
  let open = [...jobs];
  let settle = () => undefined as void;
  const idle = new Promise<void>((resolve) => (settle = resolve));
  installQuitGuard(app, {
    openJobs: () => open,
    ask: async (asked) => {
      log.push(`ask ${asked.length}`);
      return answer;
    },
    cancelAll: () => {
      log.push('cancel');
      open = [];
    },
    whenIdle: async () => {
      log.push('wait');
      await idle;
    },
    dispose: async () => {
      log.push('dispose');
    },
  });
  /** The running jobs finish by themselves. */
  const finishJobs = () => {
    open = [];
    settle();
  };
  return { app, log, finishJobs };
}

describe('quitting', () => {
  test('with nothing running, quitting disposes the studio once and exits', async () => {
    const { app, log } = guarded([], 'keep-working');
    app.quit();
    await waitFor('the app exits', () => app.exited);
    assert.deepEqual(log, ['dispose']);
  });

  test('with jobs running, the creator is asked; cancelling them quits cleanly', async () => {
    const { app, log } = guarded([{ id: '1', title: 'Export MP4' }], 'cancel-jobs-and-quit');
    app.quit();
    await waitFor('the app exits', () => app.exited);
    assert.deepEqual(log, ['ask 1', 'cancel', 'dispose']);
  });

  test('Keep Working leaves everything running, and a second quit while asking does not ask twice', async () => {
    const { app, log } = guarded([{ id: '1', title: 'Narrate scene 3' }], 'keep-working');
    app.quit();
    app.quit();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(app.exited, false);
    assert.deepEqual(log, ['ask 1']);
  });

  test('Quit When Done lets the jobs finish, cancels nothing, then quits cleanly', async () => {
    const { app, log, finishJobs } = guarded([{ id: '1', title: 'Export MP4' }], 'quit-when-done');
    app.quit();
    await waitFor('the guard waits for the jobs', () => log.includes('wait'));
    assert.equal(app.exited, false, 'nothing quits while the export runs');
    finishJobs();
    await waitFor('the app exits', () => app.exited);
    assert.deepEqual(log, ['ask 1', 'wait', 'dispose']);
  });

  test('while waiting, a second quit asks again, so the jobs can still be cancelled', async () => {
    const { app, log } = guarded([{ id: '1', title: 'Export MP4' }], 'quit-when-done');
    app.quit();
    await waitFor('the guard waits for the jobs', () => log.includes('wait'));
    app.quit();
    await waitFor('asked a second time', () => log.filter((line) => line === 'ask 1').length === 2);
  });

  test('a dispose that never ends does not keep the app: past the deadline it quits, and says why', async () => {
    const app = new FakeApp();
    const timers: { run: () => void; ms: number }[] = [];
    const errors: string[] = [];
    installQuitGuard(app, {
      openJobs: () => [],
      ask: async () => 'keep-working',
      cancelAll: () => undefined,
      whenIdle: async () => undefined,
      dispose: () => new Promise<void>(() => undefined),
      onError: (error) => errors.push(String(error)),
      setTimer: (run, ms) => timers.push({ run, ms }),
    });
    app.quit();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(app.exited, false, 'the studio is still closing');
    assert.deepEqual(
      timers.map((timer) => timer.ms),
      [15_000],
    );
    timers[0]?.run();
    assert.equal(app.exited, true);
    assert.match(errors.join('\n'), /did not close within 15 s; quitting anyway/);
  });

  test('whenJobsSettle follows a real JobManager: done, failed and cancelled jobs all count', async () => {
    const bus = new EventBus();
    const jobs = new JobManager(bus, { results: { test: z.string() } });
    const open = () => jobs.list().filter((job) => job.state === 'queued' || job.state === 'running');
    await whenJobsSettle(open, (listener) => bus.subscribe((name) => listener(name)));
    let release = (_value: string) => undefined as void;
    const gate = new Promise<string>((resolve) => (release = resolve));
    const first = jobs.submit({ kind: 'test', title: 'Slow', queue: 'q', run: () => gate });
    const second = jobs.submit({ kind: 'test', title: 'Queued', queue: 'q', run: async () => 'x' });
    let settled = false;
    const waiting = whenJobsSettle(open, (listener) => bus.subscribe((name) => listener(name))).then(() => (settled = true));
    jobs.cancel(second.id);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'one job still runs');
    release('done');
    await waiting;
    assert.equal(jobs.get(first.id).state, 'done');
  });

  test('the message box buttons map to the answers in order', () => {
    assert.deepEqual([0, 1, 2, -1].map(quitAnswerFor), ['cancel-jobs-and-quit', 'quit-when-done', 'keep-working', 'keep-working']);
  });

  test('the question names the jobs and says what quitting does', () => {
    const one = quitQuestion([{ title: 'Export MP4' }]);
    assert.match(one.message, /A job is still running/);
    assert.match(one.detail, /Export MP4[\s\S]*lets it finish, then quits[\s\S]*stops it now/);
    const many = quitQuestion(Array.from({ length: 7 }, (_, i) => ({ title: `Job ${i + 1}` })));
    assert.match(many.message, /7 jobs/);
    assert.match(many.detail, /Job 5[\s\S]*and 2 more[\s\S]*stops them now/);
    assert.deepEqual(one.buttons, ['Cancel Jobs and Quit', 'Quit When Done', 'Keep Working']);
  });
});
