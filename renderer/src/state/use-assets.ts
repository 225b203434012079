import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorShape, type Asset } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { takePrefetched } from './open-prefetch.js';
import { useNotify } from './notifications.js';

export interface AssetsState {
  /** null while loading or when no project is open. */
  assets: Asset[] | null;
  loadError: string | null;
  refresh(): Promise<void>;
}

/** `version` changes whenever the open project does (its updatedAt), which reloads the list. */
export function useAssets(projectId: string | null, version: string | null): AssetsState {
  const { api } = useClient();
  const notify = useNotify();
  const [assets, setAssets] = useState<Asset[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    if (!projectId) {
      setAssets(null);
      setLoadError(null);
      return;
    }
    try {
      const list = await (takePrefetched<Asset[]>('assets', projectId) ?? api.assets.list({}));
      if (request !== latest.current) return;
      setAssets(list);
      setLoadError(null);
    } catch (error) {
      if (request !== latest.current) return;
      const shape = toErrorShape(error);
      // The project closed between the two calls; the projects list will catch up.
      if (shape.code === 'NO_PROJECT_OPEN') {
        setAssets(null);
        return;
      }
      setLoadError(shape.message);
      notify.error(error, 'load the assets');
    }
  }, [api, notify, projectId]);

  useEffect(() => {
    void refresh();
  }, [refresh, version]);

  return { assets, loadError, refresh };
}
