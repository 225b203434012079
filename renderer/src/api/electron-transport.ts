import type { AtelierApi } from '../../../preload/contract.js';
import type { StudioClient } from './studio-client.js';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent in a browser. */
    atelier?: AtelierApi;
  }
}

export function createElectronClient(api: AtelierApi): StudioClient {
  return {
    host: 'electron',
    api,
    async importFiles() {
      const refs = await api.files.pick({ kind: 'any' });
      for (const ref of refs) await api.assets.import({ fileRef: ref.ref });
    },
    assetUrl(assetId, variant) {
      const base = `atelier-asset://asset/${encodeURIComponent(assetId)}`;
      return Promise.resolve(variant === 'thumbnail' ? `${base}/thumbnail` : base);
    },
    // IPC has no connection to lose.
    onReconnect: () => () => {},
    onConnectionChange: () => () => {},
    connectionState: () => 'open',
  };
}
