import { useCallback, useEffect, useRef, useState } from 'react';
import type { RemoteModels } from '../../../preload/contract.js';
import { useClient } from './client-context.js';

interface RemoteModelsState {
  /** Null until the first answer; a picker shows its local models meanwhile. */
  listing: RemoteModels | null;
  refreshing: boolean;
  /** Asks every remote again (main answers from its cache otherwise). */
  refresh(): void;
}

/**
 * The remote engines' models, for the pickers. Never blocks a tab: a remote that is down
 * only adds a line to `unreachable`, and a failed call leaves the list empty.
 */
export function useRemoteModels(): RemoteModelsState {
  const client = useClient();
  const { api } = client;
  const [listing, setListing] = useState<RemoteModels | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  // Only the latest request may set the list: a slow refresh must not overwrite a newer answer.
  const latest = useRef(0);

  const load = useCallback(
    (refresh: boolean) => {
      const request = ++latest.current;
      setRefreshing(true);
      api.remotes
        .models({ refresh })
        .then((answer) => {
          if (request === latest.current) setListing(answer);
        })
        .catch(() => {
          // The call itself failed (the host is gone): the connection banner says so; the picker keeps its local models.
          if (request === latest.current) setListing((current) => current ?? { models: [], unreachable: [] });
        })
        .finally(() => {
          if (request === latest.current) setRefreshing(false);
        });
    },
    [api],
  );

  useEffect(() => {
    load(false);
    const stops = [api.events.on('remotes.changed', () => load(false)), client.onReconnect(() => load(false))];
    return () => stops.forEach((stop) => stop());
  }, [api, client, load]);

  return { listing, refreshing, refresh: useCallback(() => load(true), [load]) };
}
