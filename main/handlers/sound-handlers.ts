import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function soundHandlers(studio: Studio): Pick<Handlers, 'sound.generate'> {
  return {
    'sound.generate': async (request) => studio.sound.generate(request),
  };
}
