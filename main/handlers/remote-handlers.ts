import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { RemoteModelCache } from '../core/remotes/remote-model-cache.js';
import { testRemote } from '../core/remotes/remote-models.js';

export function remoteHandlers(studio: Studio): Pick<Handlers, 'remotes.list' | 'remotes.add' | 'remotes.remove' | 'remotes.test' | 'remotes.models'> {
  const cache = new RemoteModelCache(studio.remotes);
  return {
    'remotes.list': async () => studio.remotes.list(),
    'remotes.add': async (request) => {
      const added = await studio.remotes.add(request);
      cache.forget(added.name);
      studio.events.emit('remotes.changed', { name: added.name });
      return added;
    },
    'remotes.remove': async ({ name }) => {
      await studio.remotes.remove(name);
      cache.forget(name);
      studio.events.emit('remotes.changed', { name });
      return null;
    },
    'remotes.test': async ({ name }) => {
      const result = await testRemote(studio.remotes.get(name), AbortSignal.timeout(30_000));
      if (result.ok) cache.remember(name, result.models);
      else cache.forget(name);
      return result;
    },
    'remotes.models': async ({ refresh }) => cache.list(refresh === true),
  };
}
