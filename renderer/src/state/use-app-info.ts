import { useCallback, useEffect, useState } from 'react';
import { toErrorShape, type AppInfo } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { useNotify } from './notifications.js';

export interface AppInfoState {
  info: AppInfo | null;
  loadError: string | null;
  reload(): Promise<void>;
}

export function useAppInfo(): AppInfoState {
  const { api } = useClient();
  const notify = useNotify();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setInfo(await api.app.info({}));
      setLoadError(null);
    } catch (error) {
      setLoadError(toErrorShape(error).message);
      notify.error(error, 'read which engines are installed');
    }
  }, [api, notify]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { info, loadError, reload };
}
