import { useCallback, useState } from 'react';
import { toErrorShape, type CallInput, type ErrorShape, type TextResult } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { isActive, resultOf, type JobEntry } from '../../state/job-store.js';
import { useJob, useJobSettled, useJobStore } from '../../state/use-job-store.js';

export interface TextRun {
  jobId: string;
  /** The reply so far, from the job's progress events. */
  text: string;
  /** "42 tokens · 18.3 tok/s", or the loading step. */
  detail?: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  result?: TextResult;
}

export interface TextGeneration {
  run: TextRun | null;
  error: ErrorShape | null;
  start(input: CallInput<'text.generate'>): Promise<boolean>;
  stop(): Promise<void>;
  clear(): void;
}

/** The Write tab's view of a text job, from the store's copy of it and the text it has streamed. */
function textRunOf(jobId: string, entry: JobEntry | undefined): TextRun {
  const job = entry?.job;
  const base = { jobId, text: entry?.partial.text ?? '', ...(job?.detail !== undefined && { detail: job.detail }) };
  if (!job || isActive(job)) return { ...base, state: 'running' };
  const result = resultOf(job, 'text.generate');
  if (result) return { ...base, state: result.stopReason === 'cancelled' ? 'cancelled' : 'done', text: result.text, result };
  return { ...base, state: job.state === 'cancelled' ? 'cancelled' : 'failed' };
}

/**
 * One text job at a time for the Write tab: its streamed text and speed while it
 * runs, its result or error once it ends, all from the job store.
 */
export function useTextGeneration(): TextGeneration {
  const { api } = useClient();
  const store = useJobStore();
  const whenSettled = useJobSettled();
  const [jobId, setJobId] = useState<string | null>(null);
  // The finished run, kept here so it stays on screen whatever the store later forgets.
  const [final, setFinal] = useState<TextRun | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const entry = useJob(jobId);
  const run = jobId === null ? null : final?.jobId === jobId ? final : textRunOf(jobId, entry);

  const start = useCallback(
    async (input: CallInput<'text.generate'>) => {
      setError(null);
      try {
        const { jobId: id } = await api.text.generate(input);
        setJobId(id);
        setFinal(null);
        whenSettled(id, (job) => {
          setFinal(textRunOf(id, store.get(id)));
          if (job.state === 'failed' && job.error && job.error.code !== 'CANCELLED') setError(job.error);
        });
        return true;
      } catch (failure) {
        setError(toErrorShape(failure));
        return false;
      }
    },
    [api, store, whenSettled],
  );

  const stop = useCallback(async () => {
    if (!run || run.state !== 'running') return;
    try {
      await api.jobs.cancel({ id: run.jobId });
    } catch (failure) {
      setError(toErrorShape(failure));
    }
  }, [api, run]);

  const clear = useCallback(() => {
    setJobId(null);
    setFinal(null);
    setError(null);
  }, []);

  return { run, error, start, stop, clear };
}
