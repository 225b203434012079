import { useCallback, useEffect, useRef, useState } from 'react';
import { AssetSchema, toErrorShape, type Asset, type CallInput, type ErrorShape, type Job } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';

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

const REMEMBERED = 32;

/**
 * One narration at a time for the Voice tab: its progress from `job.progress`, its
 * clip from `job.done`, its error from `job.failed`. Events can outrun the call that
 * started the job, so ends seen before the id is known wait in a short memory.
 */
export function useVoiceGeneration(onMade: (asset: Asset) => void): VoiceGeneration {
  const { api } = useClient();
  const [run, setRun] = useState<VoiceRun | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const [stopped, setStopped] = useState(false);
  const current = useRef<string | null>(null);
  const finished = useRef(new Map<string, Job>());
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;

  const settle = useCallback((job: Job) => {
    current.current = null;
    setRun(null);
    if (job.state === 'done') {
      const asset = AssetSchema.safeParse(job.result);
      if (asset.success) onMadeRef.current(asset.data);
    } else if (job.state === 'cancelled') {
      setStopped(true);
    } else if (job.state === 'failed' && job.error) {
      setError(job.error);
    }
  }, []);

  useEffect(() => {
    const onEnd = ({ job }: { job: Job }) => {
      if (job.kind !== 'voice.generate') return;
      if (current.current === job.id) settle(job);
      else {
        finished.current.set(job.id, job);
        if (finished.current.size > REMEMBERED) finished.current.delete(finished.current.keys().next().value as string);
      }
    };
    const stops = [
      api.events.on('job.progress', ({ job }) => {
        if (job.id !== current.current || (job.state !== 'running' && job.state !== 'queued')) return;
        setRun((previous) =>
          previous && previous.jobId === job.id ? { ...previous, progress: job.progress, ...(job.detail !== undefined && { detail: job.detail }) } : previous,
        );
      }),
      api.events.on('job.done', onEnd),
      api.events.on('job.failed', onEnd),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, settle]);

  const generate = useCallback(
    async (request: CallInput<'voice.generate'>) => {
      if (current.current) return;
      setError(null);
      setStopped(false);
      // Claimed before the call answers, so a second Ctrl+Enter meanwhile starts nothing.
      current.current = 'starting';
      setRun({ jobId: 'starting', progress: null });
      try {
        const { jobId } = await api.voice.generate(request);
        current.current = jobId;
        setRun({ jobId, progress: null });
        const early = finished.current.get(jobId);
        if (early) {
          finished.current.delete(jobId);
          settle(early);
        }
      } catch (failure) {
        current.current = null;
        setRun(null);
        setError(toErrorShape(failure));
      }
    },
    [api, settle],
  );

  const stop = useCallback(async () => {
    const jobId = current.current;
    if (!jobId || jobId === 'starting') return;
    try {
      await api.jobs.cancel({ id: jobId });
    } catch (failure) {
      setError(toErrorShape(failure));
    }
  }, [api]);

  const dismissError = useCallback(() => setError(null), []);

  return { run, error, stopped, generate, stop, dismissError };
}
