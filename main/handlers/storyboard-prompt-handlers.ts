import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function storyboardPromptHandlers(studio: Studio): Pick<Handlers, 'storyboard.fromPrompt' | 'storyboard.resumeFromPrompt'> {
  return {
    'storyboard.fromPrompt': async (request) => studio.storyboard.start(request),
    'storyboard.resumeFromPrompt': async () => ({ jobId: await studio.storyboard.resumeOpen() }),
  };
}
