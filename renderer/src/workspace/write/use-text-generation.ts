import { useCallback, useEffect, useRef, useState } from 'react';
import { TextResultSchema, toErrorShape, type CallInput, type ErrorShape, type Job, type TextResult } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';

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

/**
 * One text job at a time for the Write tab: its streamed text and speed from
 * `job.progress`, its result or error from `job.done` / `job.failed`.
 */
export function useTextGeneration(): TextGeneration {
  const { api } = useClient();
  const [run, setRun] = useState<TextRun | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  // Events may arrive before the call that started the job answers; they wait here.
  const early = useRef(new Map<string, { job: Job; text?: string }>());
  const current = useRef<string | null>(null);

  const apply = useCallback((job: Job, text: string | undefined) => {
    setRun((previous) => {
      if (!previous || previous.jobId !== job.id || previous.state !== 'running') return previous;
      const next: TextRun = { ...previous, ...(text !== undefined && { text }), ...(job.detail !== undefined && { detail: job.detail }) };
      if (job.state === 'done') {
        const parsed = TextResultSchema.safeParse(job.result);
        if (parsed.success)
          return { ...next, state: parsed.data.stopReason === 'cancelled' ? 'cancelled' : 'done', text: parsed.data.text, result: parsed.data };
        return { ...next, state: 'done' };
      }
      if (job.state === 'cancelled') return { ...next, state: 'cancelled' };
      if (job.state === 'failed') return { ...next, state: 'failed' };
      return next;
    });
  }, []);

  const reportFailure = useCallback((job: Job) => {
    if (job.state === 'failed' && job.error && job.error.code !== 'CANCELLED') setError(job.error);
  }, []);

  useEffect(() => {
    const route = (job: Job, text?: string) => {
      if (job.kind !== 'text.generate') return;
      if (current.current === job.id) {
        apply(job, text);
        return;
      }
      const before = early.current.get(job.id);
      early.current.set(job.id, { job, text: text ?? before?.text });
      if (early.current.size > 16) early.current.delete(early.current.keys().next().value as string);
    };
    const stops = [
      api.events.on('job.progress', ({ job, partial }) => route(job, partial?.text)),
      api.events.on('job.done', ({ job }) => route(job)),
      api.events.on('job.failed', ({ job, error: failure }) => {
        const failed = { ...job, error: job.error ?? failure };
        route(failed);
        if (current.current === job.id) reportFailure(failed);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, apply, reportFailure]);

  const start = useCallback(
    async (input: CallInput<'text.generate'>) => {
      setError(null);
      try {
        const { jobId } = await api.text.generate(input);
        current.current = jobId;
        setRun({ jobId, text: '', state: 'running' });
        const waiting = early.current.get(jobId);
        early.current.delete(jobId);
        if (waiting) {
          apply(waiting.job, waiting.text);
          reportFailure(waiting.job);
        }
        return true;
      } catch (failure) {
        setError(toErrorShape(failure));
        return false;
      }
    },
    [api, apply, reportFailure],
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
    current.current = null;
    setRun(null);
    setError(null);
  }, []);

  return { run, error, start, stop, clear };
}
