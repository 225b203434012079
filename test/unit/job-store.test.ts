import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AtelierError, type EventPayload, type Job } from '../../preload/contract.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { JobManager } from '../../main/core/jobs/job-manager.js';
import { JobStore, resultOf, type JobEventPayload, type JobSource } from '../../renderer/src/state/job-store.js';

type JobEventName = 'job.progress' | 'job.done' | 'job.failed';

/**
 * The renderer's store on main's real JobManager. The link between them plays the
 * event stream: it can go down (events sent meanwhile are lost, as on a dropped
 * socket), come back (a reconnect), and hold a list reply to let events overtake it.
 */
function setup(options: { keepFinished?: number } = {}) {
  const bus = new EventBus();
  const jobs = new JobManager(bus, options);
  const listeners = new Set<(name: JobEventName, payload: JobEventPayload) => void>();
  const reconnects = new Set<() => void>();
  let up = true;
  let listGate: Promise<void> | null = null;
  let listFailure: Error | null = null;
  let lists = 0;
  bus.subscribe((name, payload) => {
    if (!up || (name !== 'job.progress' && name !== 'job.done' && name !== 'job.failed')) return;
    // Through JSON, as over the socket: nothing shared by reference.
    const copy = JSON.parse(JSON.stringify(payload)) as JobEventPayload;
    listeners.forEach((listener) => listener(name, copy));
  });
  const source: JobSource = {
    onJobEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    list: async () => {
      lists += 1;
      const snapshot = JSON.parse(JSON.stringify(jobs.list())) as Job[];
      if (listGate) await listGate;
      if (listFailure) throw listFailure;
      return snapshot;
    },
    cancel: async (id) => jobs.cancel(id),
    onReconnect: (listener) => {
      reconnects.add(listener);
      return () => reconnects.delete(listener);
    },
  };
  const store = new JobStore(source);
  return {
    jobs,
    store,
    deliver: (name: JobEventName, payload: JobEventPayload) => listeners.forEach((listener) => listener(name, payload)),
    drop: () => (up = false),
    reconnect: () => {
      up = true;
      reconnects.forEach((listener) => listener());
    },
    holdLists: (gate: Promise<void>) => (listGate = gate),
    failLists: (error: Error | null) => (listFailure = error),
    lists: () => lists,
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the renderer job store', () => {
  test('events that outrun the submit reply are kept: the streamed text and the end are there when the id arrives', async () => {
    const { jobs, store } = setup();
    store.start();
    await flush();
    const gate = deferred();
    const job = jobs.submit({
      kind: 'storyboard.write',
      title: 'Write scene 1',
      queue: 'llama',
      run: async ({ progress }) => {
        progress({ fraction: 0.5, detail: '3 tokens', partial: { text: 'Once upon' } });
        await gate.promise;
        return { sceneId: 's1', text: 'Once upon a time.' };
      },
    });
    await flush();
    // Nobody asked about this id yet, as when the call's answer is still on its way.
    const early = store.get(job.id);
    assert.equal(early?.job.state, 'running');
    assert.equal(early?.partial.text, 'Once upon');
    assert.equal(early?.job.detail, '3 tokens');
    gate.resolve();
    await jobs.settled(job.id);
    await flush();
    const ends: Job[] = [];
    store.onSettled(job.id, (end) => ends.push(end));
    assert.equal(ends.length, 1, 'a job already over settles at once');
    assert.equal(resultOf(ends[0], 'storyboard.write')?.text, 'Once upon a time.');
    assert.equal(store.get(job.id)?.partial.text, 'Once upon', 'a later event without text keeps the text streamed before');
  });

  test('a waiter registered while the job runs hears its end once, and onFinished hears it too', async () => {
    const { jobs, store } = setup();
    store.start();
    await flush();
    const gate = deferred();
    const job = jobs.submit({
      kind: 'storyboard.fromPrompt',
      title: 'Storyboard',
      queue: 'q',
      run: async () => {
        await gate.promise;
        return { projectId: 'p1', scenes: 3 };
      },
    });
    await flush();
    const ends: Job[] = [];
    const finished: string[] = [];
    store.onSettled(job.id, (end) => ends.push(end));
    store.onFinished((end) => finished.push(end.id));
    gate.resolve();
    await jobs.settled(job.id);
    await flush();
    assert.deepEqual(
      ends.map((end) => end.state),
      ['done'],
    );
    assert.equal(resultOf(ends[0], 'storyboard.fromPrompt')?.scenes, 3);
    assert.equal(resultOf(ends[0], 'storyboard.write'), undefined, 'another kind gives no result');
    assert.deepEqual(finished, [job.id]);
  });

  test('a reconnect lists the jobs again: an end sent while the stream was down still arrives', async () => {
    const { jobs, store, drop, reconnect, lists } = setup();
    store.start();
    await flush();
    const gate = deferred();
    const job = jobs.submit({
      kind: 'storyboard.fromPrompt',
      title: 'Storyboard',
      queue: 'q',
      run: async () => {
        await gate.promise;
        return { projectId: 'p1', scenes: 2 };
      },
    });
    await flush();
    const ends: Job[] = [];
    const finished: string[] = [];
    store.onSettled(job.id, (end) => ends.push(end));
    store.onFinished((end) => finished.push(end.id));
    drop();
    gate.resolve();
    await jobs.settled(job.id);
    await flush();
    assert.equal(store.get(job.id)?.job.state, 'running', 'the end was lost with the stream');
    assert.equal(ends.length, 0);
    const before = lists();
    reconnect();
    await flush();
    assert.equal(lists(), before + 1);
    assert.equal(store.get(job.id)?.job.state, 'done');
    assert.equal(ends.length, 1);
    assert.deepEqual(finished, [job.id]);
  });

  test('a list forgets jobs main no longer holds, but not one heard of after the list was asked for', async () => {
    const { jobs, store, holdLists } = setup({ keepFinished: 1 });
    store.start();
    await flush();
    const first = jobs.submit({ kind: 'storyboard.fromPrompt', title: 'one', queue: 'q', run: async () => ({ projectId: 'p', scenes: 1 }) });
    await jobs.settled(first.id);
    const second = jobs.submit({ kind: 'storyboard.fromPrompt', title: 'two', queue: 'q', run: async () => ({ projectId: 'p', scenes: 2 }) });
    await jobs.settled(second.id);
    await flush();
    assert.ok(store.get(first.id), 'the store heard of both');
    const gate = deferred();
    holdLists(gate.promise);
    const listing = store.refresh();
    await flush();
    const third = jobs.submit({ kind: 'storyboard.fromPrompt', title: 'three', queue: 'other', run: () => new Promise(() => undefined) });
    await flush();
    gate.resolve();
    await listing;
    assert.equal(store.get(first.id), undefined, 'pruned in main, so gone here');
    assert.equal(store.get(second.id)?.job.state, 'done');
    assert.equal(store.get(third.id)?.job.state, 'running', 'newer than the list: kept');
    assert.deepEqual(
      store.getSnapshot().jobs.map((job) => job.title),
      ['two', 'three'],
    );
    jobs.cancel(third.id);
  });

  test('a finished job never goes back to running when an older event or list arrives late', async () => {
    const { jobs, store, deliver } = setup();
    store.start();
    await flush();
    const job = jobs.submit({ kind: 'storyboard.fromPrompt', title: 'quick', queue: 'q', run: async () => ({ projectId: 'p', scenes: 0 }) });
    const final = await jobs.settled(job.id);
    await flush();
    deliver('job.progress', { job: { ...final, state: 'running', result: undefined } as Job });
    assert.equal(store.get(job.id)?.job.state, 'done');
  });

  test('a done job whose result misses its kind’s schema shows as failed, and a good one is typed', () => {
    const { store, deliver } = setup();
    store.start();
    const base = { title: 'Draw', queue: 'procedural', state: 'done' as const, progress: 1, createdAt: new Date().toISOString() };
    const bad = { ...base, id: 'bad', kind: 'image.generate', result: { assets: [{ id: 'a' }] } } as unknown as Job;
    deliver('job.done', { job: bad });
    const shown = store.get('bad')?.job;
    assert.equal(shown?.state, 'failed');
    assert.equal(shown?.error?.code, 'INTERNAL');
    assert.equal(resultOf(shown, 'image.generate'), undefined);
    const asset = {
      id: 'a',
      kind: 'image',
      name: 'a.png',
      file: 'assets/a.png',
      mime: 'image/png',
      size: 1,
      createdAt: base.createdAt,
      origin: { engine: 'x' },
    };
    deliver('job.done', { job: { ...base, id: 'good', kind: 'image.generate', result: { assets: [asset] } } as Job });
    assert.equal(resultOf(store.get('good')?.job, 'image.generate')?.assets[0]?.name, 'a.png');
  });

  test('a failure event lends its error to a job that carries none', () => {
    const { store, deliver } = setup();
    store.start();
    const job = { id: 'f', kind: 'asset.import', title: 'Import', queue: 'files', state: 'failed', progress: null, createdAt: new Date().toISOString() } as Job;
    const payload: EventPayload<'job.failed'> = { job, error: { code: 'IO_ERROR', message: 'Disk full.' } };
    deliver('job.failed', payload);
    assert.equal(store.get('f')?.job.error?.code, 'IO_ERROR');
  });

  test('a list that fails before anyone listens is reported to the first listener, once', async () => {
    const { store, failLists } = setup();
    failLists(new AtelierError('IO_ERROR', 'No jobs today.'));
    store.start();
    await flush();
    const seen: unknown[] = [];
    store.onError((error) => seen.push(error));
    store.onError((error) => seen.push(error));
    assert.equal(seen.length, 1);
    assert.equal((seen[0] as AtelierError).code, 'IO_ERROR');
  });

  test('cancel goes through main and shows at once; subscribers hear each change', async () => {
    const { jobs, store } = setup();
    store.start();
    await flush();
    let changes = 0;
    const stop = store.subscribe(() => (changes += 1));
    const blocker = jobs.submit({ kind: 'storyboard.fromPrompt', title: 'first', queue: 'q', run: () => new Promise(() => undefined) });
    const queued = jobs.submit({ kind: 'storyboard.fromPrompt', title: 'second', queue: 'q', run: async () => ({ projectId: 'p', scenes: 1 }) });
    const snapshot = store.getSnapshot();
    assert.equal(store.getSnapshot(), snapshot, 'the same snapshot until something changes');
    await store.cancel(queued.id);
    assert.equal(store.get(queued.id)?.job.state, 'cancelled');
    assert.notEqual(store.getSnapshot(), snapshot);
    assert.ok(changes >= 3);
    stop();
    jobs.cancel(blocker.id);
  });
});
