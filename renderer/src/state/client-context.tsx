import { createContext, useContext, type ReactNode } from 'react';
import type { StudioClient } from '../api/studio-client.js';

const ClientContext = createContext<StudioClient | null>(null);

export function ClientProvider({ client, children }: { client: StudioClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): StudioClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient needs a <ClientProvider> above it.');
  return client;
}
