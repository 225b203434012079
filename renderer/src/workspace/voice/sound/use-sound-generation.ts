import { useCallback, useEffect, useRef, useState } from 'react';
import { AssetSchema, type Asset, type Job, type SoundRequest } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';

export interface SoundGeneration {
  /** Keys ("sfx:coin", "loop") of the requests still rendering. */
  busy: ReadonlySet<string>;
  generate(request: SoundRequest, key: string): Promise<void>;
}

/** A short memory of finished jobs: a fast render can end before its call returns the job id. */
const REMEMBERED = 32;

/**
 * Starts synth jobs and reports each one's asset when it is done. The job tray
 * shows progress and failures; this only tracks which buttons are busy.
 */
export function useSoundGeneration(onMade: (asset: Asset) => void): SoundGeneration {
  const { api } = useClient();
  const notify = useNotify();
  // The ref is the truth (events may arrive between a call and the next render); the state redraws.
  const pendingRef = useRef<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState(pendingRef.current);
  const setBoth = useCallback((next: ReadonlyMap<string, string>) => {
    pendingRef.current = next;
    setPending(next);
  }, []);
  const finished = useRef(new Map<string, Job>());
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;

  const settle = useCallback(
    (job: Job) => {
      if (pendingRef.current.has(job.id)) {
        const next = new Map(pendingRef.current);
        next.delete(job.id);
        setBoth(next);
      }
      const asset = job.state === 'done' ? AssetSchema.safeParse(job.result) : null;
      if (asset?.success) onMadeRef.current(asset.data);
    },
    [setBoth],
  );

  useEffect(() => {
    const onEnd = ({ job }: { job: Job }) => {
      if (job.kind !== 'sound.generate') return;
      if (pendingRef.current.has(job.id)) settle(job);
      else {
        finished.current.set(job.id, job);
        if (finished.current.size > REMEMBERED) finished.current.delete(finished.current.keys().next().value as string);
      }
    };
    const stops = [api.events.on('job.done', onEnd), api.events.on('job.failed', onEnd)];
    return () => stops.forEach((stop) => stop());
  }, [api, settle]);

  const generate = useCallback(
    async (request: SoundRequest, key: string) => {
      try {
        const { jobId } = await api.sound.generate(request);
        const early = finished.current.get(jobId);
        if (early) {
          finished.current.delete(jobId);
          settle(early);
        } else {
          setBoth(new Map(pendingRef.current).set(jobId, key));
        }
      } catch (error) {
        notify.error(error, 'make the sound');
      }
    },
    [api, notify, settle, setBoth],
  );

  return { busy: new Set(pending.values()), generate };
}
