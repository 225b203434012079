import { useCallback, useRef, useState } from 'react';
import { toErrorShape, type Asset, type CallInput, type ErrorShape, type Job } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { resultOf } from '../../state/job-store.js';
import { useJob, useJobSettled } from '../../state/use-job-store.js';

export interface VoiceRun {
  jobId: string;
  /** 0..1, or null until the engine says how much there is. */
  progress: number | null;
  /** The engine's own line: "Chunk 3 of 12". */
  detail?: string;
}

export interface VoiceGeneration {
  run: VoiceRun | null;
  /** The last failure (not a Stop), shown under Generate until the next run or a dismissal. */
  error: ErrorShape | null;
  /** True after a run was stopped, until the next one starts: the tab says nothing was kept. */
  stopped: boolean;
  generate(request: CallInput<'voice.generate'>): Promise<void>;
  stop(): Promise<void>;
  dismissError(): void;
}

/**
 * One narration at a time for the Voice tab: its progress and its end come from the
 * job store, which has kept the job's events even when they outran the call.
 */
export function useVoiceGeneration(onMade: (asset: Asset) => void): VoiceGeneration {
  const { api } = useClient();
  const whenSettled = useJobSettled();
  // 'starting' while the call is out: a second Ctrl+Enter meanwhile starts nothing.
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const [stopped, setStopped] = useState(false);
  const current = useRef<string | null>(null);
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;
  const live = useJob(jobId === 'starting' ? null : jobId)?.job;

  const settle = useCallback((job: Job) => {
    current.current = null;
    setJobId(null);
    const asset = resultOf(job, 'voice.generate');
    if (asset) onMadeRef.current(asset);
    else if (job.state === 'cancelled') setStopped(true);
    else if (job.state === 'failed' && job.error) setError(job.error);
  }, []);

  const generate = useCallback(
    async (request: CallInput<'voice.generate'>) => {
      if (current.current) return;
      setError(null);
      setStopped(false);
      current.current = 'starting';
      setJobId('starting');
      try {
        const { jobId: id } = await api.voice.generate(request);
        current.current = id;
        setJobId(id);
        whenSettled(id, settle);
      } catch (failure) {
        current.current = null;
        setJobId(null);
        setError(toErrorShape(failure));
      }
    },
    [api, settle, whenSettled],
  );

  const stop = useCallback(async () => {
    const id = current.current;
    if (!id || id === 'starting') return;
    try {
      await api.jobs.cancel({ id });
    } catch (failure) {
      setError(toErrorShape(failure));
    }
  }, [api]);

  const dismissError = useCallback(() => setError(null), []);

  const run: VoiceRun | null = jobId ? { jobId, progress: live?.progress ?? null, ...(live?.detail !== undefined && { detail: live.detail }) } : null;
  return { run, error, stopped, generate, stop, dismissError };
}
