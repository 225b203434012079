import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Job, Unsubscribe } from '../../../preload/contract.js';
import type { StudioClient } from '../api/studio-client.js';
import { useClient } from './client-context.js';
import { JobStore, type JobEntry, type JobSnapshot } from './job-store.js';

const stores = new WeakMap<StudioClient, JobStore>();

/** The client's one job store, started on first use and kept for the client's life (the app's). */
function jobStoreFor(client: StudioClient): JobStore {
  let store = stores.get(client);
  if (!store) {
    const { api } = client;
    store = new JobStore({
      onJobEvent: (listener) => {
        const stops = [
          api.events.on('job.progress', (payload) => listener('job.progress', payload)),
          api.events.on('job.done', (payload) => listener('job.done', payload)),
          api.events.on('job.failed', (payload) => listener('job.failed', payload)),
        ];
        return () => stops.forEach((stop) => stop());
      },
      list: () => api.jobs.list({}),
      cancel: (id) => api.jobs.cancel({ id }),
      onReconnect: (listener) => client.onReconnect(listener),
    });
    stores.set(client, store);
    store.start();
  }
  return store;
}

export function useJobStore(): JobStore {
  return jobStoreFor(useClient());
}

export function useJobSnapshot(): JobSnapshot {
  const store = useJobStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** One job and its streamed output; undefined until the store has heard of it (or for a null id). */
export function useJob(id: string | null | undefined): JobEntry | undefined {
  const store = useJobStore();
  return useSyncExternalStore(store.subscribe, () => (id ? store.get(id) : undefined));
}

/** The mirrored jobs, optionally filtered (pass a stable filter, or one from useCallback). */
export function useJobList(filter?: (job: Job) => boolean): readonly Job[] {
  const { jobs } = useJobSnapshot();
  return useMemo(() => (filter ? jobs.filter(filter) : jobs), [jobs, filter]);
}

/**
 * `when(jobId, listener)` calls back once that job is done, failed or cancelled (at once
 * if it already is: the store kept its events), and never after the component is gone.
 */
export function useJobSettled(): (jobId: string, listener: (job: Job) => void) => void {
  const store = useJobStore();
  const open = useRef(new Map<string, Unsubscribe>());
  useEffect(() => {
    const waits = open.current;
    return () => {
      waits.forEach((stop) => stop());
      waits.clear();
    };
  }, []);
  return useCallback(
    (jobId: string, listener: (job: Job) => void) => {
      let settled = false;
      const stop = store.onSettled(jobId, (job) => {
        settled = true;
        open.current.delete(jobId);
        listener(job);
      });
      if (!settled) open.current.set(jobId, stop);
    },
    [store],
  );
}
