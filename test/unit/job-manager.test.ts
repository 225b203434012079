import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import type { EventName, EventPayload, Job } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { JobManager, type JobContext } from '../../main/core/jobs/job-manager.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Seen = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** This file's own job kinds: the queueing rules under test do not depend on any real kind. */
const TEST_RESULTS = { test: z.string(), sum: z.object({ total: z.number() }), k: z.unknown() };

function setup(options: ConstructorParameters<typeof JobManager>[1] = {}) {
  const bus = new EventBus();
  const seen: Seen[] = [];
  bus.subscribe((name, payload) => seen.push({ name, payload } as Seen));
  return { jobs: new JobManager(bus, { results: TEST_RESULTS, ...options }), seen };
}

/** A job whose run reports when it starts and finishes only when told to. */
function gatedJob(queue: string, log: string[], label: string) {
  const started = deferred();
  const gate = deferred<string>();
  let ran = false;
  return {
    started: started.promise,
    release: (value = label) => gate.resolve(value),
    fail: (error: unknown) => gate.reject(error),
    get ran() {
      return ran;
    },
    spec: {
      kind: 'test',
      title: label,
      queue,
      run: async (_context: JobContext) => {
        ran = true;
        log.push(`start ${label}`);
        started.resolve();
        const value = await gate.promise;
        log.push(`end ${label}`);
        return value;
      },
    },
  };
}

function eventsFor(seen: Seen[], id: string) {
  return seen.filter((e) => e.payload !== null && 'job' in e.payload && e.payload.job.id === id);
}

describe('JobManager queues', () => {
  test('jobs on one queue run one at a time, in submission order', async () => {
    const { jobs } = setup();
    const log: string[] = [];
    const a = gatedJob('engine', log, 'a');
    const b = gatedJob('engine', log, 'b');
    const c = gatedJob('engine', log, 'c');
    const ja = jobs.submit(a.spec);
    const jb = jobs.submit(b.spec);
    const jc = jobs.submit(c.spec);
    // The first job starts as soon as it is submitted; the others wait their turn.
    assert.equal(ja.state, 'running');
    assert.equal(jb.state, 'queued');
    await a.started;
    assert.equal(jobs.get(ja.id).state, 'running');
    assert.equal(jobs.get(jb.id).state, 'queued');
    assert.equal(jobs.get(jc.id).state, 'queued');
    assert.equal(b.ran, false);

    a.release();
    await b.started;
    assert.equal(jobs.get(ja.id).state, 'done');
    assert.equal(c.ran, false);
    b.release();
    await c.started;
    c.release();
    await jobs.settled(jc.id);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  test('different queues run in parallel', async () => {
    const { jobs } = setup();
    const log: string[] = [];
    const text = gatedJob('text', log, 'text');
    const image = gatedJob('image', log, 'image');
    const jt = jobs.submit(text.spec);
    const ji = jobs.submit(image.spec);
    await Promise.all([text.started, image.started]);
    assert.equal(jobs.get(jt.id).state, 'running');
    assert.equal(jobs.get(ji.id).state, 'running');
    image.release();
    text.release();
    await Promise.all([jobs.settled(jt.id), jobs.settled(ji.id)]);
  });

  test('a queue with a concurrency of 2 runs two at a time', async () => {
    const { jobs } = setup({ concurrency: { downloads: 2 } });
    const log: string[] = [];
    const a = gatedJob('downloads', log, 'a');
    const b = gatedJob('downloads', log, 'b');
    const c = gatedJob('downloads', log, 'c');
    jobs.submit(a.spec);
    jobs.submit(b.spec);
    const jc = jobs.submit(c.spec);
    await Promise.all([a.started, b.started]);
    assert.equal(jobs.get(jc.id).state, 'queued');
    b.release();
    await c.started;
    a.release();
    c.release();
    await jobs.settled(jc.id);
  });

  test('a job ends done with its result and full progress', async () => {
    const { jobs } = setup();
    const job = jobs.submit({ kind: 'sum', title: 'Add', queue: 'q', run: async () => ({ total: 3 }) });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'done');
    assert.deepEqual(final.result, { total: 3 });
    assert.equal(final.progress, 1);
    assert.ok(final.startedAt && final.finishedAt);
    assert.equal(final.error, undefined);
    assert.deepEqual(jobs.get(job.id), final);
  });
});

describe('JobManager cancel', () => {
  test('cancelling a queued job ends it cancelled and it never runs', async () => {
    const { jobs, seen } = setup();
    const log: string[] = [];
    const first = gatedJob('q', log, 'first');
    const second = gatedJob('q', log, 'second');
    const j1 = jobs.submit(first.spec);
    const j2 = jobs.submit(second.spec);
    await first.started;
    const snapshot = jobs.cancel(j2.id);
    assert.equal(snapshot.state, 'cancelled');
    assert.equal(snapshot.error?.code, 'CANCELLED');
    const final = await jobs.settled(j2.id);
    assert.equal(final.state, 'cancelled');
    first.release();
    await jobs.settled(j1.id);
    assert.equal(second.ran, false);
    assert.deepEqual(log, ['start first', 'end first']);
    const failed = eventsFor(seen, j2.id).filter((e) => e.name === 'job.failed');
    assert.equal(failed.length, 1);
  });

  test('cancelling a running job aborts its signal and ends it cancelled', async () => {
    const { jobs } = setup();
    const started = deferred();
    let sawAbort = false;
    const job = jobs.submit({
      kind: 'test',
      title: 'Long',
      queue: 'q',
      run: ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(signal.reason);
          });
          started.resolve();
        }),
    });
    await started.promise;
    jobs.cancel(job.id);
    const final = await jobs.settled(job.id);
    assert.equal(sawAbort, true);
    assert.equal(final.state, 'cancelled');
    assert.equal(final.error?.code, 'CANCELLED');
  });

  // A cancel that arrives too late to stop the work must not hide what the work produced.
  test('a running job that ignores the signal and returns ends done with its result', async () => {
    const { jobs } = setup();
    const log: string[] = [];
    const gated = gatedJob('q', log, 'stubborn');
    const job = jobs.submit(gated.spec);
    await gated.started;
    jobs.cancel(job.id);
    gated.release('finished anyway');
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'done');
    assert.equal(final.error, undefined);
    assert.equal(final.result, 'finished anyway');
  });

  test('a running job that throws something else after a cancel is cancelled, not failed', async () => {
    const { jobs } = setup();
    const log: string[] = [];
    const gated = gatedJob('q', log, 'x');
    const job = jobs.submit(gated.spec);
    await gated.started;
    jobs.cancel(job.id);
    gated.fail(new Error('socket closed'));
    assert.equal((await jobs.settled(job.id)).error?.code, 'CANCELLED');
  });

  test('cancelling a finished job changes nothing', async () => {
    const { jobs } = setup();
    const job = jobs.submit({ kind: 'k', title: 't', queue: 'q', run: async () => 'ok' });
    await jobs.settled(job.id);
    assert.equal(jobs.cancel(job.id).state, 'done');
    assert.equal(jobs.get(job.id).state, 'done');
  });
});

describe('JobManager failures', () => {
  test('an AtelierError keeps its code and message', async () => {
    const { jobs } = setup();
    const job = jobs.submit({
      kind: 'k',
      title: 't',
      queue: 'q',
      run: async () => {
        throw new AtelierError('IO_ERROR', 'Disk full.');
      },
    });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'failed');
    assert.deepEqual(final.error, { code: 'IO_ERROR', message: 'Disk full.' });
  });

  test('a plain Error becomes INTERNAL with its message', async () => {
    const { jobs } = setup();
    const job = jobs.submit({
      kind: 'k',
      title: 't',
      queue: 'q',
      run: async () => {
        throw new Error('boom');
      },
    });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'failed');
    assert.deepEqual(final.error, { code: 'INTERNAL', message: 'boom' });
  });

  test('a failed job does not block the next one on its queue', async () => {
    const { jobs } = setup();
    const bad = jobs.submit({
      kind: 'k',
      title: 'bad',
      queue: 'q',
      run: async () => {
        throw new Error('nope');
      },
    });
    const good = jobs.submit({ kind: 'k', title: 'good', queue: 'q', run: async () => 1 });
    assert.equal((await jobs.settled(bad.id)).state, 'failed');
    assert.equal((await jobs.settled(good.id)).state, 'done');
  });
});

describe('JobManager events and progress', () => {
  test('emits queued and running progress, then done with the final snapshot', async () => {
    const { jobs, seen } = setup();
    const job = jobs.submit({ kind: 'k', title: 't', queue: 'q', run: async () => 'value' });
    const final = await jobs.settled(job.id);
    const mine = eventsFor(seen, job.id);
    const states = mine.map((e) => `${e.name}:${'job' in e.payload ? e.payload.job.state : ''}`);
    assert.deepEqual(states, ['job.progress:queued', 'job.progress:running', 'job.done:done']);
    const done = mine.at(-1);
    assert.ok(done && done.name === 'job.done');
    assert.deepEqual(done.payload.job, final);
  });

  test('emits job.failed with the job and the error', async () => {
    const { jobs, seen } = setup();
    const job = jobs.submit({
      kind: 'k',
      title: 't',
      queue: 'q',
      run: async () => {
        throw new AtelierError('MODEL_INVALID', 'Not a GGUF file.');
      },
    });
    await jobs.settled(job.id);
    const failed = eventsFor(seen, job.id).find((e) => e.name === 'job.failed');
    assert.ok(failed && failed.name === 'job.failed');
    assert.equal(failed.payload.job.state, 'failed');
    assert.deepEqual(failed.payload.error, { code: 'MODEL_INVALID', message: 'Not a GGUF file.' });
  });

  test('progress fractions are clamped to 0..1 and partial output goes out at once', async () => {
    const { jobs, seen } = setup();
    const fractions: Array<number | null> = [];
    const job = jobs.submit({
      kind: 'k',
      title: 't',
      queue: 'q',
      run: async (context) => {
        await null; // run starts inside submit(); let `job` below be assigned first
        context.progress({ fraction: 1.7, partial: { text: 'a' } });
        fractions.push(jobs.get(job.id).progress);
        context.progress({ fraction: -0.4, partial: { text: 'ab' } });
        fractions.push(jobs.get(job.id).progress);
        context.progress({ fraction: Number.NaN, partial: { text: 'abc' } });
        fractions.push(jobs.get(job.id).progress);
        context.progress({ fraction: 0.25, detail: '1/4 steps', etaSeconds: -3, partial: { text: 'abcd' } });
        fractions.push(jobs.get(job.id).progress);
        context.progress({ fraction: null, partial: { text: 'abcde' } });
        fractions.push(jobs.get(job.id).progress);
        return null;
      },
    });
    await jobs.settled(job.id);
    assert.deepEqual(fractions, [1, 0, 0, 0.25, null]);
    const partials = eventsFor(seen, job.id).flatMap((e) =>
      e.name === 'job.progress' && e.payload.partial ? [{ progress: e.payload.job.progress, text: e.payload.partial.text }] : [],
    );
    assert.deepEqual(partials, [
      { progress: 1, text: 'a' },
      { progress: 0, text: 'ab' },
      { progress: 0, text: 'abc' },
      { progress: 0.25, text: 'abcd' },
      { progress: null, text: 'abcde' },
    ]);
    const withDetail = eventsFor(seen, job.id).find((e) => e.name === 'job.progress' && e.payload.job.detail === '1/4 steps');
    assert.ok(withDetail);
    assert.equal('job' in withDetail.payload ? withDetail.payload.job.etaSeconds : undefined, 0);
  });

  test('progress reported after a cancel is ignored', async () => {
    const { jobs } = setup();
    const started = deferred();
    const go = deferred();
    const job = jobs.submit({
      kind: 'k',
      title: 't',
      queue: 'q',
      run: async (context) => {
        context.progress({ fraction: 0.1, partial: { text: 'x' } });
        started.resolve();
        await go.promise;
        context.progress({ fraction: 0.9, detail: 'late', partial: { text: 'late' } });
        return null;
      },
    });
    await started.promise;
    jobs.cancel(job.id);
    go.resolve();
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'done', 'the work returned, so it is done');
    assert.equal(final.detail, undefined, 'the late progress line was not taken');
  });
});

describe('JobManager bookkeeping', () => {
  test('list() orders running, then queued, then finished', async () => {
    const { jobs } = setup();
    const log: string[] = [];
    const finished = jobs.submit({ kind: 'k', title: 'finished', queue: 'other', run: async () => 1 });
    await jobs.settled(finished.id);
    const running = gatedJob('q', log, 'running');
    const queued = gatedJob('q', log, 'queued');
    const jr = jobs.submit(running.spec);
    const jq = jobs.submit(queued.spec);
    await running.started;
    assert.deepEqual(
      jobs.list().map((j: Job) => [j.title, j.state]),
      [
        ['running', 'running'],
        ['queued', 'queued'],
        ['finished', 'done'],
      ],
    );
    running.release();
    await queued.started;
    queued.release();
    await Promise.all([jobs.settled(jr.id), jobs.settled(jq.id)]);
    assert.deepEqual(new Set(jobs.list().map((j) => j.state)), new Set(['done']));
  });

  test('settled(id) resolves with the same snapshot for every caller', async () => {
    const { jobs } = setup();
    const job = jobs.submit({ kind: 'k', title: 't', queue: 'q', run: async () => 'x' });
    const [a, b] = await Promise.all([jobs.settled(job.id), jobs.settled(job.id)]);
    assert.deepEqual(a, b);
    assert.equal(a.state, 'done');
    assert.deepEqual(await jobs.settled(job.id), a);
  });

  test('snapshots are copies: changing one does not change the job', async () => {
    const { jobs } = setup();
    const job = jobs.submit({ kind: 'k', title: 't', queue: 'q', run: async () => 'x' });
    job.title = 'tampered';
    assert.equal(jobs.get(job.id).title, 't');
    await jobs.settled(job.id);
  });

  test('unknown ids are NOT_FOUND', () => {
    const { jobs } = setup();
    const notFound = (error: unknown) => error instanceof AtelierError && error.code === 'NOT_FOUND';
    assert.throws(() => jobs.get('nope'), notFound);
    assert.throws(() => jobs.cancel('nope'), notFound);
    assert.throws(() => jobs.settled('nope'), notFound);
  });

  test('keepFinished prunes the oldest finished jobs', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    const { jobs } = setup({ keepFinished: 2 });
    const ids: string[] = [];
    for (const title of ['one', 'two', 'three']) {
      const job = jobs.submit({ kind: 'k', title, queue: 'q', run: async () => title });
      ids.push(job.id);
      await jobs.settled(job.id);
      t.mock.timers.tick(1000);
    }
    assert.throws(() => jobs.get(ids[0] as string), /No job/);
    assert.deepEqual(
      jobs.list().map((j) => j.title),
      ['three', 'two'],
    );
  });

  test('keepFinished keeps the job that just finished even when finish times tie', async (t) => {
    // Fast jobs often finish within the same millisecond; the newest must still survive pruning.
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    const { jobs } = setup({ keepFinished: 1 });
    const first = jobs.submit({ kind: 'k', title: 'first', queue: 'q', run: async () => 1 });
    await jobs.settled(first.id);
    const second = jobs.submit({ kind: 'k', title: 'second', queue: 'q', run: async () => 2 });
    await jobs.settled(second.id);
    assert.equal(jobs.get(second.id).state, 'done');
    assert.deepEqual(
      jobs.list().map((j) => j.title),
      ['second'],
    );
  });

  test('shutdown cancels queued and running jobs and waits for them', async () => {
    const { jobs } = setup();
    const started = deferred();
    const running = jobs.submit({
      kind: 'k',
      title: 'r',
      queue: 'q',
      run: ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
          started.resolve();
        }),
    });
    const queued = jobs.submit({ kind: 'k', title: 'w', queue: 'q', run: async () => 1 });
    await started.promise;
    await jobs.shutdown();
    assert.equal(jobs.get(running.id).state, 'cancelled');
    assert.equal(jobs.get(queued.id).state, 'cancelled');
  });
});
