import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function jobHandlers({ jobs }: Studio): Pick<Handlers, 'jobs.list' | 'jobs.cancel'> {
  return {
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ id }) => jobs.cancel(id),
  };
}
