import { useCallback, useEffect, useState } from 'react';
import { toErrorShape, type ErrorShape, type VoiceList } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';

interface VoiceListState {
  list: VoiceList | null;
  error: ErrorShape | null;
  reload(): void;
}

/** The voices to pick from: espeak's built-in ones, and the Piper and Kokoro voices installed (read again when models change). */
export function useVoiceList(): VoiceListState {
  const { api } = useClient();
  const [list, setList] = useState<VoiceList | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);

  const reload = useCallback(() => {
    api.voice
      .voices()
      .then((next) => {
        // An older host leaves `neural` out; the picker treats that as "none installed".
        setList({ ...next, neural: next.neural ?? [], kokoro: next.kokoro ?? [] });
        setError(null);
      })
      .catch((failure: unknown) => setError(toErrorShape(failure)));
  }, [api]);

  useEffect(() => {
    reload();
    return api.events.on('models.changed', reload);
  }, [api, reload]);

  return { list, error, reload };
}
