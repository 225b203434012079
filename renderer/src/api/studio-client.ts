import type { AtelierApi, FileRef, OpenedProject, Unsubscribe } from '../../../preload/contract.js';

export type HostKind = 'web' | 'electron';
export type AssetVariant = 'file' | 'thumbnail';

/** Whether live events are flowing. Electron's IPC is always 'open'. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/**
 * What the UI talks to. The two hosts differ in how files get in (a native
 * dialog vs. an upload) and how asset bytes are fetched (a custom scheme vs. an
 * authorised fetch), so those two live here instead of in the contract.
 */
export interface StudioClient {
  host: HostKind;
  api: AtelierApi;
  /** Without `files` (or, in a browser, the file input's), Electron opens the native picker; dropped files are imported as they are. */
  importFiles(files?: FileList | File[]): Promise<void>;
  /** Model files (a .gguf, a Piper .onnx…): uploaded or picked, then checked and copied in by `models.import`. Returns the job ids. */
  /** A take made in the page (the Voice tab's Record): uploaded (web) or handed to main (desktop), for `voice.saveRecording`. */
  sendRecording(wav: Blob, name: string): Promise<FileRef>;
  importModelFiles(files?: FileList | File[]): Promise<string[]>;
  assetUrl(assetId: string, variant: AssetVariant): Promise<string>;
  /** An Atelier zip bundle, uploaded (web) or picked (desktop), checked and imported as a new project; null when none was picked. */
  importBundle(files?: FileList | File[]): Promise<OpenedProject | null>;
  /** Web only: fetches a finished export (its downloadUrl) and hands it to the browser's download. Desktop files are already on disk. */
  downloadExport?(downloadUrl: string, name: string): Promise<void>;
  /** Fires each time the event stream (re)connects: events sent while it was down are lost, so refetch. */
  onReconnect(listener: () => void): Unsubscribe;
  onConnectionChange(listener: (state: ConnectionState) => void): Unsubscribe;
  connectionState(): ConnectionState;
}
