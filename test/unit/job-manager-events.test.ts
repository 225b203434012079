import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { deferred, eventsFor, gatedJob, setup } from './support/job-harness.js';

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

  test('a last step held back to coalesce a burst still goes out, before done', async () => {
    const { jobs, seen } = setup();
    const job = jobs.submit({
      kind: 'k',
      title: 't',
      queue: 'q',
      run: async (context) => {
        await null;
        context.progress({ fraction: 0.5, detail: 'half' });
        // Straight after the first: coalesced, then the job ends before the interval.
        context.progress({ fraction: 1, detail: 'all of it' });
        return null;
      },
    });
    await jobs.settled(job.id);
    const mine = eventsFor(seen, job.id);
    const details = mine.map((e) => ('job' in e.payload ? `${e.name}:${e.payload.job.detail ?? ''}` : e.name));
    assert.deepEqual(details.slice(-3), ['job.progress:half', 'job.progress:all of it', 'job.done:all of it']);
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
