import { useCallback, useEffect, useRef } from 'react';
import type { Job } from '../../../preload/contract.js';
import { useNotify } from './notifications.js';
import { useJobList, useJobStore } from './use-job-store.js';

export interface JobsState {
  jobs: readonly Job[];
  cancel(job: Job): Promise<void>;
}

/**
 * The tray's view of the job store: every job main holds (listed at start and after
 * each reconnect, kept current by the job events), a cancel that reports its failure,
 * and a call for each job seen to finish.
 */
export function useJobs(onFinished: (job: Job) => void): JobsState {
  const store = useJobStore();
  const notify = useNotify();
  const jobs = useJobList();
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  useEffect(() => {
    const stops = [store.onFinished((job) => onFinishedRef.current(job)), store.onError((error) => notify.error(error, 'load the job list'))];
    return () => stops.forEach((stop) => stop());
  }, [store, notify]);

  const cancel = useCallback(
    async (job: Job) => {
      try {
        await store.cancel(job.id);
      } catch (error) {
        notify.error(error, `cancel “${job.title}”`);
      }
    },
    [store, notify],
  );

  return { jobs, cancel };
}
