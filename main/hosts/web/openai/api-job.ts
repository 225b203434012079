import type { FastifyReply } from 'fastify';
import { AtelierError } from '../../../../preload/errors.js';
import type { JobKind } from '../../../../preload/schemas/job-results.js';
import type { JobContext } from '../../../core/jobs/job-manager.js';
import type { StudioServices } from '../../../app/studio.js';

interface ApiJobSpec<T> {
  kind: JobKind;
  title: string;
  queue: string;
  run(context: JobContext): Promise<T>;
  /** What the job tray keeps as the result: never the bytes themselves. */
  summary(value: T): unknown;
}

/**
 * Runs one API request as a job, so it queues with the engine's other work and shows in
 * the job tray, and resolves with the value once it is done. A client that disconnects
 * before the answer is complete cancels the job; a cancel from the tray fails the request.
 */
export async function runApiJob<T>(studio: StudioServices, reply: FastifyReply, spec: ApiJobSpec<T>): Promise<T> {
  let value: { v: T } | undefined;
  const job = studio.jobs.submit({
    kind: spec.kind,
    title: spec.title,
    queue: spec.queue,
    run: async (context) => {
      const made = await spec.run(context);
      // An engine that stops early on a cancel still resolves; for a request that is a cancelled one.
      if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      value = { v: made };
      return spec.summary(made);
    },
  });
  const onClose = () => {
    if (reply.raw.writableFinished) return;
    try {
      const now = studio.jobs.get(job.id);
      if (now.state === 'queued' || now.state === 'running') studio.jobs.cancel(job.id);
    } catch {
      // Already finished and pruned: nothing left to stop.
    }
  };
  reply.raw.on('close', onClose);
  const final = await studio.jobs.settled(job.id);
  if (final.state === 'done' && value) return value.v;
  if (final.state === 'cancelled') throw new AtelierError('CANCELLED', 'The request was cancelled before it finished.');
  throw new AtelierError(final.error?.code ?? 'INTERNAL', final.error?.message ?? 'The job failed.');
}
