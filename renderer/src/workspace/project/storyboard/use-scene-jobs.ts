import { useCallback, useState } from 'react';
import type { ErrorShape, Job, SceneAction } from '../../../../../preload/contract.js';
import type { SceneActionResult } from '../../../../../preload/schemas/job-results.js';
import { useClient } from '../../../state/client-context.js';
import { isActive } from '../../../state/job-store.js';
import { useJobSnapshot } from '../../../state/use-job-store.js';
import type { JobsState } from '../../../state/use-jobs.js';
import { useNotify } from '../../../state/notifications.js';

export type SceneActionKind = SceneAction['action'];

export interface SceneJob {
  action: SceneActionKind;
  /** The mirrored job; absent for the moment between the call's answer and the first job event. */
  job: Job | undefined;
  /** Text streamed so far (Write). */
  partialText: string;
  error: ErrorShape | undefined;
  /** A finished result the scene did not take because it would replace the creator's work: Accept or Discard. */
  proposal?: SceneActionResult;
}

interface SceneJobs {
  forScene(sceneId: string): SceneJob | undefined;
  start(sceneId: string, action: SceneActionKind): Promise<void>;
  stop(sceneId: string): void;
  dismissError(sceneId: string): void;
}

interface Tracked {
  jobId: string;
  action: SceneActionKind;
}

const ACTION_VERBS: Readonly<Record<SceneActionKind, string>> = { write: 'write', illustrate: 'illustrate', narrate: 'narrate' };

/**
 * Which job each card started, so the card can show its progress (and the words
 * Write has streamed so far) with a Stop button. Main attaches the result to the
 * scene itself; the card only watches.
 */
export function useSceneJobs(jobs: JobsState): SceneJobs {
  const { api } = useClient();
  const notify = useNotify();
  const [tracked, setTracked] = useState<ReadonlyMap<string, Tracked>>(new Map());

  // The store keeps each job's streamed text (Write) with the job, from its first event on.
  const { byId } = useJobSnapshot();

  const forScene = (sceneId: string): SceneJob | undefined => {
    const entry = tracked.get(sceneId);
    if (!entry) return undefined;
    const mirrored = byId.get(entry.jobId);
    const job = mirrored?.job;
    const error = job?.state === 'failed' ? (job.error ?? { code: 'INTERNAL' as const, message: `${job.title} failed.` }) : undefined;
    const result = job?.state === 'done' ? (job.result as SceneActionResult | undefined) : undefined;
    if (result?.proposed) return { action: entry.action, job, partialText: '', error: undefined, proposal: result };
    // A finished or cancelled job leaves the card (its result is on the scene now); a failure or an offer stays until dismissed.
    if (job && !isActive(job) && !error) return undefined;
    return { action: entry.action, job, partialText: mirrored?.partial.text ?? '', error };
  };

  const start = useCallback(
    async (sceneId: string, action: SceneActionKind) => {
      try {
        const { jobId } = await api.storyboard.sceneAction({ sceneId, action });
        setTracked((current) => new Map(current).set(sceneId, { jobId, action }));
      } catch (error) {
        notify.error(error, `${ACTION_VERBS[action]} the scene`);
      }
    },
    [api, notify],
  );

  const stop = (sceneId: string) => {
    const entry = tracked.get(sceneId);
    const job = entry && byId.get(entry.jobId)?.job;
    if (job) void jobs.cancel(job);
  };

  const dismissError = (sceneId: string) =>
    setTracked((current) => {
      const next = new Map(current);
      next.delete(sceneId);
      return next;
    });

  return { forScene, start, stop, dismissError };
}
