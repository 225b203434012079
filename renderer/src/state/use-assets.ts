import { useCallback, useEffect, useRef, useState } from 'react';
import { FIRST_ASSETS, toErrorShape, type Asset } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { openSettled, takePrefetched } from './open-prefetch.js';
import { useNotify } from './notifications.js';

export interface AssetsState {
  /** null while loading or when no project is open. */
  assets: Asset[] | null;
  loadError: string | null;
  refresh(): Promise<void>;
}

/** Lists that hold the newest FIRST_ASSETS only, shown while the whole list is on its way. */
const firstPages = new WeakSet<readonly Asset[]>();

/** Whether `list` is the project's whole list: a scene whose asset is not in a first page is not missing. */
export function isWholeAssetList(list: readonly Asset[] | null): list is readonly Asset[] {
  return list !== null && !firstPages.has(list);
}

/**
 * Resolves once the open project is on screen: its storyboard has come back, a frame has been
 * drawn with it, and the page is idle. Asked for sooner, the whole list (557 kB at 2,000 assets)
 * would be read and laid out in the middle of the open, while the storyboard is still travelling.
 */
async function whenOpened(projectId: string): Promise<void> {
  await openSettled(projectId);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
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
      // At open: the first page asked for with the open (studio.tsx), then the whole list.
      const firstPage = takePrefetched<Asset[]>('assets', projectId);
      let list = await (firstPage ?? api.assets.list({}));
      if (request !== latest.current) return;
      if (firstPage && list.length >= FIRST_ASSETS) {
        firstPages.add(list);
        setAssets(list);
        setLoadError(null);
        await whenOpened(projectId);
        if (request !== latest.current) return;
        list = await api.assets.list({});
        if (request !== latest.current) return;
      } else if (firstPage) {
        // The whole list came at once: let go of the open's record (it waits for nothing).
        void openSettled(projectId);
      }
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
