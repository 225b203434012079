import { useCallback, useEffect, useState } from 'react';
import { toErrorShape, type CatalogModel, type Hardware, type InstalledModel } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';
import { useJobStore } from '../../state/use-job-store.js';

interface ModelsState {
  catalog: CatalogModel[] | null;
  installed: InstalledModel[] | null;
  hardware: Hardware | null;
  loadError: string | null;
  refresh(): Promise<void>;
}

/**
 * The catalog, the installed models and this computer's hardware, kept current by
 * `models.changed`, by finished model jobs and by every reconnect of the event stream.
 */
export function useModels(): ModelsState {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const jobs = useJobStore();
  const [catalog, setCatalog] = useState<CatalogModel[] | null>(null);
  const [installed, setInstalled] = useState<InstalledModel[] | null>(null);
  const [hardware, setHardware] = useState<Hardware | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [nextCatalog, nextInstalled] = await Promise.all([api.models.catalog({}), api.models.list({})]);
      setCatalog(nextCatalog);
      setInstalled(nextInstalled);
      setLoadError(null);
    } catch (error) {
      setLoadError(toErrorShape(error).message);
      notify.error(error, 'load the models');
    }
  }, [api, notify]);

  useEffect(() => {
    void refresh();
    api.app
      .hardware({})
      .then(setHardware)
      .catch((error: unknown) => notify.error(error, 'read this computer’s hardware'));
    const stops = [
      api.events.on('models.changed', () => void refresh()),
      jobs.onFinished((job) => {
        if (job.kind === 'model.download' || job.kind === 'model.import') void refresh();
      }),
      client.onReconnect(() => void refresh()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, client, jobs, notify, refresh]);

  return { catalog, installed, hardware, loadError, refresh };
}
