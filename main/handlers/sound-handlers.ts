import { submitGeneration } from '../core/assets/save-generated-asset.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { synthEngine } from '../engines/sound/synth-engine.js';
import { planLabel } from '../engines/sound/synth-plan.js';

export function soundHandlers(studio: Studio): Pick<Handlers, 'sound.generate'> {
  return {
    'sound.generate': async (request) =>
      submitGeneration(studio, {
        kind: 'sound.generate',
        title: `Synthesize ${planLabel(request)}`,
        queue: synthEngine.id,
        make: async (context) => {
          const made = await synthEngine.generate(request, context.signal, context.progress);
          return {
            file: {
              kind: 'audio',
              mime: 'audio/wav',
              ext: 'wav',
              bytes: made.wav,
              name: `${made.label}.wav`,
              origin: { engine: synthEngine.id, seed: made.seed, parameters: made.parameters, durationMs: made.durationMs },
            },
            summary: `${(made.durationMs / 1000).toFixed(made.durationMs < 10_000 ? 2 : 1)} s of audio`,
          };
        },
      }),
  };
}
