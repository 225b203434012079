import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio.js';
import { testRemote } from '../core/remotes/remote-models.js';

export function remoteHandlers(studio: Studio): Pick<Handlers, 'remotes.list' | 'remotes.add' | 'remotes.remove' | 'remotes.test'> {
  return {
    'remotes.list': async () => studio.remotes.list(),
    'remotes.add': async (request) => studio.remotes.add(request),
    'remotes.remove': async ({ name }) => {
      await studio.remotes.remove(name);
      return null;
    },
    'remotes.test': async ({ name }) => testRemote(studio.remotes.get(name), AbortSignal.timeout(30_000)),
  };
}
