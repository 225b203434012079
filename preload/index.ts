/**
 * The only bridge between the sandboxed renderer and main. It exposes the contract's
 * methods grouped by domain (never a generic send/on), each on its own channel.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi, isEventName, type EventName } from './contract.js';
import { DROPPED_FILES_CHANNEL, RECORDING_CHANNEL, isDesktopCommand, MENU_COMMAND_CHANNEL, type DesktopBridge, type DesktopCommand } from './desktop-bridge.js';
import { errorForBridge, type ErrorShape } from './errors.js';

const EVENT_CHANNEL = 'atelier:event';

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = buildApi(
  async (name, input) => {
    const reply = (await ipcRenderer.invoke(name, input)) as Reply;
    if (!reply.ok) throw errorForBridge(reply.error);
    return reply.result;
  },
  (name, listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
);

contextBridge.exposeInMainWorld('atelier', api);

const commandListeners = new Set<(command: DesktopCommand) => void>();
ipcRenderer.on(MENU_COMMAND_CHANNEL, (_event, command: unknown) => {
  if (!isDesktopCommand(command)) return;
  for (const listener of commandListeners) listener(command);
});

const desktop: DesktopBridge = {
  onCommand(listener) {
    commandListeners.add(listener);
    return () => commandListeners.delete(listener);
  },
  async filesFromDrop(files) {
    // Only a file the operating system handed over has a path; one a page made up has none.
    const paths = files.map((file) => webUtils.getPathForFile(file)).filter((p) => p !== '');
    if (paths.length === 0) return [];
    const reply = (await ipcRenderer.invoke(DROPPED_FILES_CHANNEL, paths)) as Reply;
    if (!reply.ok) throw errorForBridge(reply.error);
    return reply.result as Awaited<ReturnType<DesktopBridge['filesFromDrop']>>;
  },
  async fileFromRecording(bytes, name) {
    const reply = (await ipcRenderer.invoke(RECORDING_CHANNEL, { bytes, name })) as Reply;
    if (!reply.ok) throw errorForBridge(reply.error);
    return reply.result as Awaited<ReturnType<DesktopBridge['fileFromRecording']>>;
  },
};
contextBridge.exposeInMainWorld('atelierDesktop', desktop);
