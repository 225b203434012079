import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { useNotify } from './notifications.js';

export function isActive(job: Job): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** Events can arrive out of order; a finished job never goes back to running. */
function merge(previous: Job | undefined, next: Job): Job {
  if (previous && !isActive(previous) && isActive(next)) return previous;
  return next;
}

export interface JobsState {
  jobs: Job[];
  cancel(job: Job): Promise<void>;
}

/**
 * Jobs live in main, so this mirrors them: a full list at start and after every
 * reconnect (a reload or a dropped socket picks running jobs up again), kept
 * current by the job events in between.
 */
export function useJobs(onFinished: (job: Job) => void): JobsState {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const [byId, setById] = useState<ReadonlyMap<string, Job>>(new Map());
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const upsert = useCallback((job: Job) => {
    setById((current) => {
      const next = new Map(current);
      next.set(job.id, merge(current.get(job.id), job));
      return next;
    });
  }, []);

  const load = useCallback(async () => {
    try {
      const list = await api.jobs.list({});
      setById(new Map(list.map((job) => [job.id, job])));
    } catch (error) {
      notify.error(error, 'load the job list');
    }
  }, [api, notify]);

  useEffect(() => {
    void load();
    const stops = [
      client.onReconnect(() => void load()),
      api.events.on('job.progress', ({ job }) => upsert(job)),
      api.events.on('job.done', ({ job }) => {
        upsert(job);
        onFinishedRef.current(job);
      }),
      api.events.on('job.failed', ({ job, error }) => {
        upsert({ ...job, error: job.error ?? error });
        onFinishedRef.current(job);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, client, load, upsert]);

  const cancel = useCallback(
    async (job: Job) => {
      try {
        upsert(await api.jobs.cancel({ id: job.id }));
      } catch (error) {
        notify.error(error, `cancel “${job.title}”`);
      }
    },
    [api, notify, upsert],
  );

  return { jobs: [...byId.values()], cancel };
}
