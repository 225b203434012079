import { saveGeneratedAsset } from '../core/assets/save-generated-asset.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio.js';
import { synthEngine } from '../engines/sound/synth-engine.js';
import { planLabel } from '../engines/sound/synth-plan.js';

export function soundHandlers(studio: Studio): Pick<Handlers, 'sound.generate'> {
  const { projects, jobs, log } = studio;
  return {
    'sound.generate': async (request) => {
      // Checked now, so "no project" is an answer to the call rather than a failed job.
      const project = projects.requireOpen().data;
      const label = planLabel(request);
      const job = jobs.submit({
        kind: 'sound.generate',
        title: `Synthesize ${label}`,
        queue: synthEngine.id,
        run: async (context) => {
          const made = await synthEngine.generate(request, context.signal, context.progress);
          const asset = await saveGeneratedAsset(
            { projects, log },
            project.id,
            {
              kind: 'audio',
              mime: 'audio/wav',
              ext: 'wav',
              bytes: made.wav,
              name: `${made.label}.wav`,
              origin: { engine: synthEngine.id, seed: made.seed, parameters: made.parameters, durationMs: made.durationMs },
            },
            context.signal,
          );
          context.progress({ fraction: 1, detail: `${(made.durationMs / 1000).toFixed(made.durationMs < 10_000 ? 2 : 1)} s of audio` });
          return asset;
        },
      });
      return { jobId: job.id };
    },
  };
}
