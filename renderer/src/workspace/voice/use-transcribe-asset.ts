import { useCallback } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';

/**
 * Starts `transcribe.asset` for an audio clip: the job tray shows its progress and Stop,
 * and the transcript lands in the project as a text asset. With no speech-to-text model
 * the answer's message points to the Models tab. Answers whether the job started.
 */
export function useTranscribeAsset(): (asset: Asset) => Promise<boolean> {
  const { api } = useClient();
  const notify = useNotify();
  return useCallback(
    async (asset: Asset) => {
      try {
        await api.transcribe.asset({ assetId: asset.id });
        notify.info(`Transcribing ${asset.name}`, 'The transcript is saved as a text asset beside it; the jobs tray shows how far it is.');
        return true;
      } catch (error) {
        notify.error(error, `transcribe ${asset.name}`);
        return false;
      }
    },
    [api, notify],
  );
}

/** Whether a speech-to-text model is installed (Use as narration then transcribes the take for captions at once). */
export function useCanTranscribe(): () => Promise<boolean> {
  const { api } = useClient();
  return useCallback(async () => {
    const installed = await api.models.list({}).catch(() => []);
    return installed.some((model) => model.modality === 'speech-to-text');
  }, [api]);
}
