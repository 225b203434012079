import { useCallback, useRef, useState } from 'react';
import { toErrorShape, type Asset, type ErrorShape, type Job } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { useJobSettled, useJobSnapshot } from '../../../state/use-job-store.js';

/** What a card can do to its picture: each makes a new picture that becomes the scene's. */
export type PictureActionKind = 'upscale' | 'repaint' | 'extend';

export interface PictureRun {
  action: PictureActionKind;
  /** The mirrored job; absent for the moment between the call's answer and the first job event. */
  job: Job | undefined;
  error: ErrorShape | undefined;
}

interface Tracked {
  jobId: string | null;
  action: PictureActionKind;
  error?: ErrorShape;
}

const KINDS = { upscale: 'image.edit', repaint: 'image.inpaint', extend: 'image.outpaint' } as const;

/**
 * The picture jobs the cards started (Upscale, Repaint, Extend): their progress for the card, Stop,
 * and the new picture handed to `onMade` when one is done, which sets it as the scene's picture.
 */
export function useScenePictureJobs(onMade: (sceneId: string, asset: Asset, action: PictureActionKind) => void) {
  const { api } = useClient();
  const whenSettled = useJobSettled();
  const { byId } = useJobSnapshot();
  const [tracked, setTracked] = useState<ReadonlyMap<string, Tracked>>(new Map());
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;

  const set = useCallback((sceneId: string, entry: Tracked | null, onlyJobId?: string) => {
    setTracked((current) => {
      if (onlyJobId !== undefined && current.get(sceneId)?.jobId !== onlyJobId) return current;
      const next = new Map(current);
      if (entry) next.set(sceneId, entry);
      else next.delete(sceneId);
      return next;
    });
  }, []);

  const start = useCallback(
    async (sceneId: string, action: PictureActionKind, call: () => Promise<{ jobId: string }>) => {
      try {
        const { jobId } = await call();
        set(sceneId, { jobId, action });
        whenSettled(jobId, (job) => {
          const made = job.kind === KINDS[action] && job.state === 'done' ? (job.result as { assets: Asset[] } | undefined)?.assets[0] : undefined;
          if (made) onMadeRef.current(sceneId, made, action);
          // A failure stays on the card until dismissed; a result or a cancel leaves it.
          if (job.state === 'failed') set(sceneId, { jobId, action, ...(job.error && { error: job.error }) }, jobId);
          else set(sceneId, null, jobId);
        });
      } catch (error) {
        set(sceneId, { jobId: null, action, error: toErrorShape(error) });
      }
    },
    [set, whenSettled],
  );

  const forScene = (sceneId: string): PictureRun | undefined => {
    const entry = tracked.get(sceneId);
    if (!entry) return undefined;
    const job = entry.jobId ? byId.get(entry.jobId)?.job : undefined;
    const error = entry.error ?? (job?.state === 'failed' ? (job.error ?? { code: 'INTERNAL' as const, message: `${job.title} failed.` }) : undefined);
    return { action: entry.action, job, error };
  };

  const stop = (sceneId: string) => {
    const jobId = tracked.get(sceneId)?.jobId;
    if (jobId) void api.jobs.cancel({ id: jobId }).catch(() => undefined);
  };

  return { forScene, start, stop, dismiss: (sceneId: string) => set(sceneId, null) };
}
