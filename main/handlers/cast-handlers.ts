import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function castHandlers(studio: Studio): Pick<Handlers, 'cast.get' | 'cast.set' | 'cast.try'> {
  return {
    'cast.get': async () => studio.cast.get(),
    'cast.set': async (cast) => studio.cast.set(cast),
    'cast.try': async (request) => studio.cast.tryWord(request),
  };
}
