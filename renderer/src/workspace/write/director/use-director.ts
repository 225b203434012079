import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectorSend, DirectorState, DirectorToolName } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';

export interface Director {
  state: DirectorState | null;
  /** A call is on its way to main (a send or a decision): its buttons wait. */
  sending: boolean;
  send(request: DirectorSend): Promise<boolean>;
  decide(callId: string, approve: boolean, always?: boolean): void;
  allow(tool: DirectorToolName, allowed: boolean): void;
  clear(): void;
}

/** The open project's director chat, read again whenever main says it changed (a reply, a card, a result). */
export function useDirector(projectId: string | null, onAssetsChanged: () => void): Director {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const [state, setState] = useState<DirectorState | null>(null);
  const [sending, setSending] = useState(false);
  const assetsSeen = useRef(new Set<string>());

  const load = useCallback(async () => {
    if (!projectId) return;
    try {
      const next = await api.director.state({});
      if (next.projectId !== projectId) return;
      setState(next);
      // A finished call's picture, clip or sound is in the project now: the sidebar lists it.
      const made = next.entries.flatMap((e) => (e.type === 'call' && e.result?.assetId && !e.automatic ? [e.result.assetId] : []));
      if (made.some((id) => !assetsSeen.current.has(id))) onAssetsChanged();
      assetsSeen.current = new Set(made);
    } catch (error) {
      notify.error(error, 'read the director chat');
    }
  }, [api, projectId, notify, onAssetsChanged]);

  useEffect(() => {
    void load();
    const stops = [
      api.events.on('director.changed', (payload) => {
        if (payload.projectId === projectId) void load();
      }),
      client.onReconnect(() => void load()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, client, projectId, load]);

  const act = useCallback(
    async (what: string, work: () => Promise<DirectorState>): Promise<boolean> => {
      setSending(true);
      try {
        setState(await work());
        return true;
      } catch (error) {
        notify.error(error, what);
        return false;
      } finally {
        setSending(false);
      }
    },
    [notify],
  );

  return {
    state,
    sending,
    send: (request) => act('send the message to the director', () => api.director.send(request)),
    decide: (callId, approve, always = false) => void act(approve ? 'run the call' : 'reject the call', () => api.director.decide({ callId, approve, always })),
    allow: (tool, allowed) => void act('change what the director may do', () => api.director.allow({ tool, allowed })),
    clear: () => void act('start a new conversation', () => api.director.clear({})),
  };
}
