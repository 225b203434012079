import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AtelierError, JOB_KINDS, JOB_RESULTS, JobSchema, type Job } from '../../preload/contract.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { JobManager } from '../../main/core/jobs/job-manager.js';

function setup() {
  const bus = new EventBus();
  const failed: { job: Job; code: string }[] = [];
  bus.subscribe((name, payload) => {
    if (name === 'job.failed') {
      const { job, error } = payload as { job: Job; error: { code: string } };
      failed.push({ job, code: error.code });
    }
  });
  const logged: string[] = [];
  const jobs = new JobManager(bus, { log: { error: (_area, message) => logged.push(message) } });
  return { jobs, failed, logged };
}

const asset = {
  id: 'a1',
  kind: 'image',
  name: 'sky.png',
  file: 'assets/a1.png',
  mime: 'image/png',
  size: 10,
  createdAt: new Date().toISOString(),
  origin: { engine: 'procedural' },
};

describe('job results are checked against their kind’s schema', () => {
  test('a result of the wrong shape fails the job with INTERNAL, says why, and is logged', async () => {
    const { jobs, failed, logged } = setup();
    const job = jobs.submit({ kind: 'image.generate', title: 'Draw', queue: 'q', run: async () => ({ assets: [{ id: 'a1' }] }) });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'INTERNAL');
    assert.match(final.error?.message ?? '', /image\.generate job finished with a result that does not match its schema \(assets\.0\.kind/);
    assert.equal(final.result, undefined, 'the wrong result is not passed on');
    assert.deepEqual(
      failed.map((f) => [f.job.id, f.code]),
      [[job.id, 'INTERNAL']],
    );
    assert.equal(logged.length, 1);
  });

  test('a result of the right shape ends done, and the client type narrows by kind', async () => {
    const { jobs } = setup();
    const job = jobs.submit({ kind: 'image.generate', title: 'Draw', queue: 'q', run: async () => ({ assets: [asset] }) });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'done');
    assert.ok(final.kind === 'image.generate');
    // Typed by the narrowing above: no cast.
    assert.equal(final.result?.assets[0]?.name, 'sky.png');
    assert.ok(JobSchema.safeParse(final).success);
  });

  test('a kind the contract does not list fails the job: every kind needs a schema', async () => {
    const { jobs } = setup();
    // A kind outside the contract is a compile error (the directive fails the type-check if it stops being one);
    // the check at run time still catches one that arrives from untyped code.
    // @ts-expect-error 'image.paint' is no JobKind
    const job = jobs.submit({ kind: 'image.paint', title: 'Paint', queue: 'q', run: async () => ({ assets: [] }) });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'INTERNAL');
    assert.match(final.error?.message ?? '', /"image\.paint" has no result schema/);
  });

  test('a cancelled or failing job is not checked: only a finished result is', async () => {
    const { jobs } = setup();
    const job = jobs.submit({
      kind: 'text.generate',
      title: 'Write',
      queue: 'q',
      run: async () => {
        throw new AtelierError('MODEL_NOT_FOUND', 'No model.');
      },
    });
    const final = await jobs.settled(job.id);
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'MODEL_NOT_FOUND');
  });

  test('the wire schema holds a done job to its kind’s result shape', () => {
    const base = { id: 'j', title: 't', queue: 'q', state: 'done', progress: 1, createdAt: new Date().toISOString() };
    assert.ok(JobSchema.safeParse({ ...base, kind: 'sound.generate', result: asset }).success);
    assert.equal(JobSchema.safeParse({ ...base, kind: 'sound.generate', result: { assets: [asset] } }).success, false);
    assert.equal(JobSchema.safeParse({ ...base, kind: 'no.such.kind' }).success, false);
    assert.deepEqual(JOB_KINDS, Object.keys(JOB_RESULTS));
  });
});
