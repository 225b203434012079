import { CALL_NAMES } from '../../../preload/contract.js';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import { isTrustedRendererUrl } from './trusted-urls.js';

export const EVENT_CHANNEL = 'atelier:event';

/** The frame an IPC message came from, as Electron's WebFrameMain describes it. */
export interface SenderFrame {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

/** The part of Electron's IpcMainInvokeEvent the sender check reads. */
export interface IpcInvokeEvent {
  senderFrame?: SenderFrame | null;
  sender?: { mainFrame?: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** What the bridge serves: the studio's call entry point and its event stream. */
interface IpcStudio {
  call(name: string, input: unknown): Promise<unknown>;
  events: { subscribe(listener: (name: string, payload: unknown) => void): () => void };
}

interface IpcDeps {
  ipcMain: IpcMainLike;
  /** Every open window's web contents, for broadcasting events. */
  windows(): { webContents: { send(channel: string, ...args: unknown[]): void } }[];
}

/**
 * Only the studio page itself may call main: a frame whose URL is on app://renderer and
 * that is the top-level frame of its window. An iframe (even one of ours), a page that
 * navigated elsewhere, or a destroyed frame (null) is refused.
 */
export function isTrustedIpcSender(event: IpcInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !isTrustedRendererUrl(frame.url)) return false;
  if (frame.parent !== null) return false;
  const mainFrame = event.sender?.mainFrame;
  return mainFrame === undefined || mainFrame === frame;
}

/**
 * One ipcMain handler per contract call, each checking who is asking before the
 * studio validates the payload. Errors cross as plain `{ code, message }` objects
 * because Electron strips custom error classes.
 */
export function bindIpc(studio: IpcStudio, deps: IpcDeps): () => void {
  for (const name of CALL_NAMES) {
    deps.ipcMain.handle(name, async (event, input: unknown) => {
      try {
        if (!isTrustedIpcSender(event)) throw new AtelierError('FORBIDDEN', 'Calls are only accepted from the studio window.');
        return { ok: true, result: await studio.call(name, input) };
      } catch (error) {
        return { ok: false, error: toErrorShape(error) };
      }
    });
  }
  const unsubscribe = studio.events.subscribe((name, payload) => {
    for (const window of deps.windows()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const name of CALL_NAMES) deps.ipcMain.removeHandler(name);
  };
}
