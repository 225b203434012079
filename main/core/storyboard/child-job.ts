import type { Job } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobManager } from '../jobs/job-manager.js';

/** The first asset id in a finished generation job's result (one asset, or a list of them). */
export function assetIdOf(job: Job): string {
  const result = job.result as { id?: unknown; assets?: unknown } | { id?: unknown }[] | undefined;
  const first = Array.isArray(result)
    ? result[0]
    : Array.isArray((result as { assets?: unknown })?.assets)
      ? (result as { assets: { id?: unknown }[] }).assets[0]
      : result;
  const id = (first as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new AtelierError('INTERNAL', `${job.title} finished without an asset.`);
  return id;
}

/**
 * Starts a generation (image.generate, voice.generate) as a step of `parentId`, waits
 * for it and returns the asset it made; the step's failure becomes the parent's.
 */
export async function runChildJob(
  jobs: JobManager,
  parentId: string | (() => string),
  signal: AbortSignal,
  start: () => Promise<{ jobId: string }>,
): Promise<string> {
  signal.throwIfAborted();
  const { jobId } = await start();
  // Read only now: a job that starts its child at once may not know its own id before its first await.
  jobs.adopt(jobId, typeof parentId === 'string' ? parentId : parentId());
  // A Stop that came while the step was being started missed it: pass it on.
  if (signal.aborted) jobs.cancel(jobId);
  const job = await jobs.settled(jobId);
  signal.throwIfAborted();
  if (job.state !== 'done') {
    const error = job.error ?? { code: 'INTERNAL' as const, message: `${job.title} did not finish.` };
    throw new AtelierError(error.code, `${job.title}: ${error.message}`);
  }
  return assetIdOf(job);
}
