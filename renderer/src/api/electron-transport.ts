import { buildApi, type AtelierApi } from '../../../preload/contract.js';
import { AtelierError, errorFromBridge } from '../../../preload/errors.js';
import type { DesktopBridge } from '../../../preload/desktop-bridge.js';
import type { StudioClient } from './studio-client.js';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent in a browser. */
    atelier?: AtelierApi;
    /** The menu's commands and dropped files: set by the preload under Electron. */
    atelierDesktop?: DesktopBridge;
  }
}

/** contextBridge keeps only an error's message; this turns `[CODE] message` back into a typed error. */
function withTypedErrors(bridge: AtelierApi): AtelierApi {
  const methods = bridge as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  return buildApi(
    (name, input) => {
      const [domain, method] = name.split('.') as [string, string];
      const call = methods[domain]?.[method];
      if (!call) return Promise.reject(errorFromBridge(new Error(`[UNKNOWN_CALL] ${name}`)));
      return call(input).catch((error: unknown) => {
        throw errorFromBridge(error);
      });
    },
    (name, listener) => bridge.events.on(name, listener as never),
  );
}

export function createElectronClient(bridge: AtelierApi): StudioClient {
  const api = withTypedErrors(bridge);
  return {
    host: 'electron',
    api,
    async importFiles(files) {
      // Files dropped from the operating system come with their paths; otherwise the native picker opens.
      const dropped = files && window.atelierDesktop ? await window.atelierDesktop.filesFromDrop(Array.from(files)) : undefined;
      const refs = dropped ?? (await api.files.pick({ kind: 'any' }));
      for (const ref of refs) await api.assets.import({ fileRef: ref.ref });
    },
    async sendRecording(wav, name) {
      if (!window.atelierDesktop) throw new AtelierError('UNSUPPORTED', 'This window cannot hand a recording to the studio.');
      return window.atelierDesktop.fileFromRecording(await wav.arrayBuffer(), name);
    },
    async importModelFiles() {
      const refs = await api.files.pick({ kind: 'any' });
      const jobIds: string[] = [];
      for (const ref of refs) jobIds.push((await api.models.import({ fileRef: ref.ref, mode: 'copy' })).jobId);
      return jobIds;
    },
    async importBundle() {
      const [ref] = await api.files.pick({ kind: 'any' });
      return ref ? api.projects.import({ fileRef: ref.ref }) : null;
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
