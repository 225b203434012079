import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { deferred, eventsFor, gatedJob, setup } from './support/job-harness.js';

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
