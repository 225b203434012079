import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { submitTextJob } from '../core/text/text-job.js';

export function textGenerateHandler(studio: Studio): Pick<Handlers, 'text.generate'> {
  return {
    'text.generate': async (request) => submitTextJob(studio, request),
  };
}
