import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function transcribeHandlers(studio: Studio): Pick<Handlers, 'transcribe.asset'> {
  return {
    'transcribe.asset': async (request) => studio.transcribe.transcribeAsset(request),
  };
}
