import { BrowserWindow, ipcMain } from 'electron';
import { CALL_NAMES } from '../../../preload/contract.js';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import type { Studio } from '../../core/studio.js';
import { isTrustedRendererUrl } from './trusted-urls.js';

export const EVENT_CHANNEL = 'atelier:event';

/**
 * One ipcMain handler per contract call, each checking who is asking before the
 * studio validates the payload. Errors cross as plain `{ code, message }` objects
 * because Electron strips custom error classes.
 */
export function bindIpc(studio: Studio): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(name, async (event, input: unknown) => {
      try {
        if (!isTrustedRendererUrl(event.senderFrame?.url)) throw new AtelierError('FORBIDDEN', 'Calls are only accepted from the studio window.');
        return { ok: true, result: await studio.call(name, input) };
      } catch (error) {
        return { ok: false, error: toErrorShape(error) };
      }
    });
  }
  const unsubscribe = studio.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const name of CALL_NAMES) ipcMain.removeHandler(name);
  };
}
