import { useEffect, useState } from 'react';
import type { ConnectionState } from '../api/studio-client.js';
import { useClient } from './client-context.js';

export function useConnection(): ConnectionState {
  const client = useClient();
  const [state, setState] = useState<ConnectionState>(() => client.connectionState());
  useEffect(() => {
    setState(client.connectionState());
    return client.onConnectionChange(setState);
  }, [client]);
  return state;
}
