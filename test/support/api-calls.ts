import assert from 'node:assert/strict';
import type { Job } from '../../preload/contract.js';
import { callApi, type RunningWebHost } from './web-host.js';

type HostAddress = Pick<RunningWebHost, 'origin' | 'token'>;

/** A contract call that must succeed; its result. */
export async function ok<T>(host: HostAddress, name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host, name, input);
  assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

/** Polls jobs.list until the job is no longer queued or running. */
export async function settled(host: HostAddress, jobId: string, timeoutMs = 300_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = (await ok<Job[]>(host, 'jobs.list')).find((j) => j.id === jobId);
    if (job && job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}
