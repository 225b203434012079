import { useCallback, useRef, useState } from 'react';
import { toErrorShape, type Asset, type CallInput, type ErrorShape } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { resultOf, type JobEntry } from '../../state/job-store.js';
import { useJob, useJobSettled } from '../../state/use-job-store.js';

export type ImageJobKind = 'image.generate' | 'image.edit' | 'image.inpaint' | 'image.outpaint';
type EditKind = Exclude<ImageJobKind, 'image.generate'>;

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
  /** Runs as the editing job: one change to a picture at a time. */
  inpaint(input: CallInput<'image.inpaint'>): Promise<void>;
  /** Also the editing job. */
  outpaint(input: CallInput<'image.outpaint'>): Promise<void>;
  stop(): Promise<void>;
  /** Cancels the running edit (a repaint or an extend that takes a while). */
  stopEdit(): Promise<void>;
}

/** The run a job id stands for, from the store's copy of its job and its newest preview. */
function runOf(jobId: string | null, kind: ImageJobKind, entry: JobEntry | undefined): ImageJobRun | null {
  if (!jobId) return null;
  const job = entry?.job;
  return {
    jobId,
    kind,
    progress: job?.progress ?? null,
    ...(job?.detail !== undefined && { detail: job.detail }),
    ...(entry?.partial.previewDataUrl !== undefined && { preview: entry.partial.previewDataUrl }),
  };
}

/**
 * Runs image jobs for the Image tab: one generation and one edit at a time, with
 * progress and previews from the job store, and the assets they made when done.
 */
export function useImageJobs(onMade: (assets: Asset[], kind: ImageJobKind) => void): ImageJobs {
  const { api } = useClient();
  const whenSettled = useJobSettled();
  const [generatingId, setGeneratingId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;
  const generating = runOf(generatingId, 'image.generate', useJob(generatingId));
  const [editingKind, setEditingKind] = useState<EditKind>('image.edit');
  const editing = runOf(editingId, editingKind, useJob(editingId));

  const start = useCallback(
    async (kind: ImageJobKind, call: () => Promise<{ jobId: string }>) => {
      const setId = kind === 'image.generate' ? setGeneratingId : setEditingId;
      setError(null);
      try {
        const { jobId } = await call();
        setId(jobId);
        whenSettled(jobId, (job) => {
          setId((id) => (id === jobId ? null : id));
          const result = resultOf(job, kind);
          if (result) onMadeRef.current(result.assets, kind);
          else if (job.state === 'failed' && job.error) setError(job.error);
        });
      } catch (failure) {
        setError(toErrorShape(failure));
      }
    },
    [whenSettled],
  );

  const generate = useCallback((input: CallInput<'image.generate'>) => start('image.generate', () => api.image.generate(input)), [api, start]);
  const edit = useCallback(
    (input: CallInput<'image.edit'>) => {
      setEditingKind('image.edit');
      return start('image.edit', () => api.image.edit(input));
    },
    [api, start],
  );
  const inpaint = useCallback(
    (input: CallInput<'image.inpaint'>) => {
      setEditingKind('image.inpaint');
      return start('image.inpaint', () => api.image.inpaint(input));
    },
    [api, start],
  );
  const outpaint = useCallback(
    (input: CallInput<'image.outpaint'>) => {
      setEditingKind('image.outpaint');
      return start('image.outpaint', () => api.image.outpaint(input));
    },
    [api, start],
  );
  const cancel = useCallback(
    async (id: string | null) => {
      if (!id) return;
      try {
        await api.jobs.cancel({ id });
      } catch (failure) {
        setError(toErrorShape(failure));
      }
    },
    [api],
  );
  const stop = useCallback(() => cancel(generatingId), [cancel, generatingId]);
  const stopEdit = useCallback(() => cancel(editingId), [cancel, editingId]);

  return { generating, editing, error, generate, edit, inpaint, outpaint, stop, stopEdit };
}
