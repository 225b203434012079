import { useEffect, useState } from 'react';
import type { InstalledModel } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { useNotify } from './notifications.js';

/** The installed text models (null while loading), kept current by models.changed and reconnects. */
export function useTextModels(): InstalledModel[] | null {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const [models, setModels] = useState<InstalledModel[] | null>(null);
  useEffect(() => {
    const load = () =>
      api.models
        .list({})
        .then((all) => setModels(all.filter((model) => model.modality === 'text')))
        .catch((error: unknown) => {
          setModels([]);
          notify.error(error, 'list the text models');
        });
    void load();
    const stops = [api.events.on('models.changed', () => void load()), client.onReconnect(() => void load())];
    return () => stops.forEach((stop) => stop());
  }, [api, client, notify]);
  return models;
}
