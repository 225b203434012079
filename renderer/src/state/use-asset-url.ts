import { useEffect, useState } from 'react';
import type { AssetVariant } from '../api/studio-client.js';
import { useClient } from './client-context.js';

type AssetUrlState = { status: 'idle' | 'loading' | 'failed'; url: null } | { status: 'ready'; url: string };

/** Failure is shown as the kind icon rather than a toast: a missing thumbnail is not worth an interruption. */
export function useAssetUrl(assetId: string | null, variant: AssetVariant): AssetUrlState {
  const client = useClient();
  const [state, setState] = useState<AssetUrlState>({ status: 'idle', url: null });

  useEffect(() => {
    if (!assetId) {
      setState({ status: 'idle', url: null });
      return;
    }
    let live = true;
    setState({ status: 'loading', url: null });
    client
      .assetUrl(assetId, variant)
      .then((url) => live && setState({ status: 'ready', url }))
      .catch(() => live && setState({ status: 'failed', url: null }));
    return () => {
      live = false;
    };
  }, [client, assetId, variant]);

  return state;
}
