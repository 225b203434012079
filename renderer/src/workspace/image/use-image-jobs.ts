import { useCallback, useEffect, useRef, useState } from 'react';
import { ImageJobResultSchema, toErrorShape, type Asset, type CallInput, type ErrorShape, type Job } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';

export type ImageJobKind = 'image.generate' | 'image.edit';

export interface ImageJobRun {
  jobId: string;
  kind: ImageJobKind;
  /** 0..1, or null while unknown. */
  progress: number | null;
  detail?: string;
  /** The newest live preview the engine sent (diffusion sends one per step). */
  preview?: string;
}

export interface ImageJobs {
  generating: ImageJobRun | null;
  editing: ImageJobRun | null;
  /** The last failure, shown where the user is looking until the next run. */
  error: ErrorShape | null;
  generate(input: CallInput<'image.generate'>): Promise<void>;
  edit(input: CallInput<'image.edit'>): Promise<void>;
  stop(): Promise<void>;
}

const REMEMBERED = 32;

/**
 * Runs image jobs for the Image tab: one generation and one edit at a time, with
 * progress and previews from the job events, and the assets they made when done.
 */
export function useImageJobs(onMade: (assets: Asset[], kind: ImageJobKind) => void): ImageJobs {
  const { api } = useClient();
  const [generating, setGenerating] = useState<ImageJobRun | null>(null);
  const [editing, setEditing] = useState<ImageJobRun | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  // Refs are the truth for event handlers; state redraws.
  const runs = useRef(new Map<string, ImageJobKind>());
  const finished = useRef(new Map<string, Job>());
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;

  const setRun = useCallback((kind: ImageJobKind, run: ImageJobRun | null) => (kind === 'image.generate' ? setGenerating(run) : setEditing(run)), []);

  const settle = useCallback(
    (job: Job) => {
      const kind = runs.current.get(job.id);
      if (!kind) return;
      runs.current.delete(job.id);
      setRun(kind, null);
      if (job.state === 'done') {
        const result = ImageJobResultSchema.safeParse(job.result);
        if (result.success) onMadeRef.current(result.data.assets, kind);
      } else if (job.state === 'failed' && job.error) {
        setError(job.error);
      }
    },
    [setRun],
  );

  useEffect(() => {
    const onEnd = ({ job }: { job: Job }) => {
      if (job.kind !== 'image.generate' && job.kind !== 'image.edit') return;
      if (runs.current.has(job.id)) settle(job);
      else {
        finished.current.set(job.id, job);
        if (finished.current.size > REMEMBERED) finished.current.delete(finished.current.keys().next().value as string);
      }
    };
    const stops = [
      api.events.on('job.progress', ({ job, partial }) => {
        const kind = runs.current.get(job.id);
        if (!kind || (job.state !== 'running' && job.state !== 'queued')) return;
        const update = (run: ImageJobRun | null): ImageJobRun | null =>
          run && run.jobId === job.id
            ? {
                ...run,
                progress: job.progress,
                ...(job.detail !== undefined && { detail: job.detail }),
                ...(partial?.previewDataUrl && { preview: partial.previewDataUrl }),
              }
            : run;
        if (kind === 'image.generate') setGenerating(update);
        else setEditing(update);
      }),
      api.events.on('job.done', onEnd),
      api.events.on('job.failed', onEnd),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, settle]);

  const start = useCallback(
    async (kind: ImageJobKind, call: () => Promise<{ jobId: string }>) => {
      setError(null);
      try {
        const { jobId } = await call();
        runs.current.set(jobId, kind);
        setRun(kind, { jobId, kind, progress: null });
        const early = finished.current.get(jobId);
        if (early) {
          finished.current.delete(jobId);
          settle(early);
        }
      } catch (failure) {
        setError(toErrorShape(failure));
      }
    },
    [setRun, settle],
  );

  const generate = useCallback((input: CallInput<'image.generate'>) => start('image.generate', () => api.image.generate(input)), [api, start]);
  const edit = useCallback((input: CallInput<'image.edit'>) => start('image.edit', () => api.image.edit(input)), [api, start]);
  const stop = useCallback(async () => {
    if (!generating) return;
    try {
      await api.jobs.cancel({ id: generating.jobId });
    } catch (failure) {
      setError(toErrorShape(failure));
    }
  }, [api, generating]);

  return { generating, editing, error, generate, edit, stop };
}
