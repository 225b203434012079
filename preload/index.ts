/**
 * The only bridge between the sandboxed renderer and main. It exposes the contract's
 * methods grouped by domain (never a generic send/on), each on its own channel.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, isEventName, type EventName } from './contract.js';
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
