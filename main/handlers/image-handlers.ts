import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function imageHandlers(
  studio: Studio,
): Pick<Handlers, 'image.templates' | 'image.generate' | 'image.edit' | 'image.inpaint' | 'image.outpaint' | 'image.settings'> {
  return {
    'image.templates': async () => studio.image.templates(),
    'image.generate': async (request) => studio.image.generate(request),
    'image.edit': async (request) => studio.image.edit(request),
    'image.inpaint': async (request) => studio.image.inpaint(request),
    'image.outpaint': async (request) => studio.image.outpaint(request),
    'image.settings': async ({ assetId }) => studio.image.settings(assetId),
  };
}
