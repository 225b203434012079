import { useCallback, useEffect, useState } from 'react';
import type { SystemPreset } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';

export interface TextPresets {
  presets: SystemPreset[] | null;
  /** Replaces the saved list; resolves with what main kept (built-ins come back when deleted). */
  save(presets: SystemPreset[]): Promise<SystemPreset[] | null>;
}

export function useTextPresets(): TextPresets {
  const { api } = useClient();
  const notify = useNotify();
  const [presets, setPresets] = useState<SystemPreset[] | null>(null);
  useEffect(() => {
    api.text
      .presets({})
      .then(setPresets)
      .catch((error: unknown) => {
        setPresets([]);
        notify.error(error, 'load the system-prompt presets');
      });
  }, [api, notify]);
  const save = useCallback(
    async (next: SystemPreset[]) => {
      try {
        const kept = await api.text.savePresets({ presets: next });
        setPresets(kept);
        return kept;
      } catch (error) {
        notify.error(error, 'save the presets');
        return null;
      }
    },
    [api, notify],
  );
  return { presets, save };
}
