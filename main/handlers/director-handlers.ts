import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function directorHandlers(studio: Studio): Pick<Handlers, 'director.state' | 'director.send' | 'director.decide' | 'director.allow' | 'director.clear'> {
  return {
    'director.state': async () => studio.director.state(),
    'director.send': (request) => studio.director.send(request),
    'director.decide': (request) => studio.director.decide(request),
    'director.allow': (request) => studio.director.allow(request),
    'director.clear': async () => studio.director.clear(),
  };
}
