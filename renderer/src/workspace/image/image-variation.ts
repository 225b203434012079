import type { CallInput, ImageSettings } from '../../../../preload/contract.js';

/** A picture's settings as a new request for one more like it ("Vary"). */
export function variationOf(settings: ImageSettings): CallInput<'image.generate'> {
  // Everything but the seed: the server picks a new one and records it.
  return {
    engine: settings.engine,
    prompt: settings.prompt,
    negativePrompt: settings.negativePrompt,
    width: settings.width,
    height: settings.height,
    ...(settings.engine === 'procedural'
      ? { ...(settings.template && { template: settings.template }), ...(settings.text && { text: settings.text }) }
      : {
          ...(settings.model && { model: settings.model }),
          ...(settings.steps !== undefined && { steps: settings.steps }),
          ...(settings.guidance !== undefined && { guidance: settings.guidance }),
          ...(settings.scheduler && { scheduler: settings.scheduler }),
        }),
    count: 1,
  };
}
