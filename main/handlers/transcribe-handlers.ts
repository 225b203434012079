import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { submitDictation } from '../core/listen/dictation-job.js';

export function transcribeHandlers(studio: Studio): Pick<Handlers, 'transcribe.asset' | 'transcribe.dictation'> {
  return {
    'transcribe.asset': async (request) => studio.transcribe.transcribeAsset(request),
    'transcribe.dictation': async (request) => submitDictation(studio, request),
  };
}
