import { useCallback, useRef, useState } from 'react';
import type { Asset, SoundRequest } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { resultOf } from '../../../state/job-store.js';
import { useJobSettled } from '../../../state/use-job-store.js';
import { useNotify } from '../../../state/notifications.js';

interface SoundGeneration {
  /** Keys ("sfx:coin", "loop") of the requests still rendering. */
  busy: ReadonlySet<string>;
  generate(request: SoundRequest, key: string): Promise<void>;
}

/**
 * Starts synth jobs and reports each one's asset when it is done. The job tray
 * shows progress and failures; this only tracks which buttons are busy.
 */
export function useSoundGeneration(onMade: (asset: Asset) => void): SoundGeneration {
  const { api } = useClient();
  const notify = useNotify();
  const whenSettled = useJobSettled();
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;

  const generate = useCallback(
    async (request: SoundRequest, key: string) => {
      try {
        const { jobId } = await api.sound.generate(request);
        setPending((current) => new Map(current).set(jobId, key));
        whenSettled(jobId, (job) => {
          setPending((current) => {
            const next = new Map(current);
            next.delete(jobId);
            return next;
          });
          const asset = resultOf(job, 'sound.generate');
          if (asset) onMadeRef.current(asset);
        });
      } catch (error) {
        notify.error(error, 'make the sound');
      }
    },
    [api, notify, whenSettled],
  );

  return { busy: new Set(pending.values()), generate };
}
