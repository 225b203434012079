import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { EspeakPool } from '../../main/engines/voice/espeak/espeak-pool.js';
import type { EspeakJob, EspeakWorkerMessage } from '../../main/engines/voice/espeak/espeak-protocol.js';
import { waitFor } from '../support/wait-for.js';

const never = new AbortController().signal;
const SENTENCE = 'The lighthouse keeper counted the ships that passed in the night.';
const render = (chunks: number): EspeakJob => ({
  op: 'render',
  voice: 'en-us',
  chunks: Array.from({ length: chunks }, () => SENTENCE),
  wpm: 175,
  pitch: 50,
  amplitude: 100,
});

/** A pool whose workers the test can see (to count them, or end one as a crash would). */
function watchedPool(options: { maxWorkers?: number; idleMs?: number } = {}) {
  const workers: Worker[] = [];
  const pool = new EspeakPool({ ...options, onWorker: (worker) => workers.push(worker) });
  pools.push(pool);
  return { pool, workers };
}
const pools: EspeakPool[] = [];
after(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

async function phonemes(pool: EspeakPool, clauses: string[], signal = never): Promise<string[]> {
  let ipa: string[] = [];
  await pool.run({ op: 'phonemes', voice: 'en-us', clauses }, signal, (message) => {
    if (message.type === 'phonemes') ipa = message.clauses;
  });
  return ipa;
}

async function chunksOf(pool: EspeakPool, job: EspeakJob, signal = never, onMessage?: (message: EspeakWorkerMessage) => void): Promise<Int16Array[]> {
  const chunks: Int16Array[] = [];
  await pool.run(job, signal, (message) => {
    if (message.type === 'chunk') chunks.push(message.samples);
    onMessage?.(message);
  });
  return chunks;
}

describe('the espeak-ng worker pool', () => {
  test('narration, phonemes and the voice list share one warm worker, job after job', async () => {
    const { pool, workers } = watchedPool({ maxWorkers: 1 });
    const first = await chunksOf(pool, render(2));
    assert.equal(first.length, 2);
    assert.ok(
      first.every((c) => c.length > 22_050),
      'each chunk is over a second of speech',
    );
    assert.deepEqual(await phonemes(pool, ['Hello world', 'the second one']), ['həlˈoʊ wˈɜːld', 'ðə sˈɛkənd wˌʌn']);
    let voices = 0;
    await pool.run({ op: 'voices' }, never, (message) => {
      if (message.type === 'voices') voices = message.voices.length;
    });
    assert.ok(voices >= 50, `${voices} voices`);
    // The same text gives the same samples on a later run in the same worker: instances do not share state.
    const again = await chunksOf(pool, render(1));
    assert.deepEqual([...(again[0] as Int16Array)], [...(first[0] as Int16Array)]);
    assert.equal(workers.length, 1, 'one worker started for every job');
    assert.equal(pool.size, 1);
  });

  test('jobs beyond the pool size wait their turn; a waiting job can be cancelled alone', async () => {
    const { pool, workers } = watchedPool({ maxWorkers: 1 });
    const controller = new AbortController();
    const long = chunksOf(pool, render(3));
    const waiting = phonemes(pool, ['never spoken'], controller.signal);
    const after = phonemes(pool, ['Good night']);
    controller.abort();
    await assert.rejects(waiting, { code: 'CANCELLED' });
    assert.equal((await long).length, 3);
    assert.deepEqual(await after, ['ɡˈʊd nˈaɪt']);
    assert.equal(workers.length, 1);
  });

  test('a worker that dies mid-job fails that job with ENGINE_CRASHED; the next job gets a fresh worker', async () => {
    const { pool, workers } = watchedPool();
    const crashed = chunksOf(pool, render(4), never, (message) => {
      // Ended from outside after its first chunk, as an out-of-memory kill would.
      if (message.type === 'chunk' && message.index === 0) void workers[0]?.terminate();
    });
    await assert.rejects(crashed, { code: 'ENGINE_CRASHED' });
    assert.deepEqual(await phonemes(pool, ['Hello world']), ['həlˈoʊ wˈɜːld']);
    assert.equal(workers.length, 2, 'a fresh worker replaced the dead one');
  });

  test('cancel stops a running job at once and ends its worker; the pool goes on', async () => {
    const { pool, workers } = watchedPool();
    const controller = new AbortController();
    const pending = chunksOf(pool, render(6), controller.signal, (message) => {
      if (message.type === 'chunk') controller.abort();
    });
    await assert.rejects(pending, { code: 'CANCELLED' });
    const [cancelled] = workers;
    assert.ok(cancelled);
    await waitFor('the cancelled worker to end', () => cancelled.threadId === -1 || pool.size === 0);
    assert.equal((await chunksOf(pool, render(1))).length, 1);
    // Already aborted: refused before any worker is asked.
    await assert.rejects(pool.run({ op: 'warm' }, AbortSignal.abort()), { code: 'CANCELLED' });
  });

  test('a typed error fails only its job and keeps the worker', async () => {
    const { pool, workers } = watchedPool({ maxWorkers: 1 });
    await assert.rejects(pool.run({ op: 'phonemes', voice: 'xx-nope', clauses: ['hello'] }, never), { code: 'NOT_FOUND' });
    assert.deepEqual(await phonemes(pool, ['Hello world']), ['həlˈoʊ wˈɜːld']);
    assert.equal(workers.length, 1);
  });

  test('idle workers end after idleMs, releasing their memory; the next job starts a new one', async () => {
    const { pool, workers } = watchedPool({ idleMs: 50 });
    await pool.warm();
    const [first] = workers;
    assert.ok(first);
    // Polled, not awaited as an event: an idle worker is unreferenced, so it alone would let the process end.
    await waitFor('the idle worker to end', () => pool.size === 0 && first.threadId === -1);
    assert.deepEqual(await phonemes(pool, ['Hello world']), ['həlˈoʊ wˈɜːld']);
    assert.equal(workers.length, 2);
  });
});
