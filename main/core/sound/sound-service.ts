import type { SoundRequest } from '../../../preload/schemas/sound.js';
import type { Logger } from '../../platform/log.js';
import { submitGeneration } from '../assets/save-generated-asset.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { soundLabel, soundName, synthesize, SYNTH_ID } from './sound-render.js';
import { readableSlug } from '../assets/readable-name.js';

/**
 * Everything that synthesizes a sound into a project comes here: the job on the
 * synthesizer's queue, and the WAV saved with its seed and parameters. (The seed is the
 * request's own: 0 plays a preset as designed, so nothing is drawn at random.)
 */
export class SoundService {
  constructor(private readonly deps: { projects: ProjectStore; jobs: JobManager; log: Logger }) {}

  /** `sound.generate`: the sound becomes a WAV clip of the open project, through one job. */
  async generate(request: SoundRequest): Promise<{ jobId: string }> {
    return submitGeneration(this.deps, {
      kind: 'sound.generate',
      title: `Synthesize ${soundLabel(request)}`,
      queue: SYNTH_ID,
      make: async (context) => {
        const made = await synthesize(request, context.signal, context.progress);
        return {
          file: {
            kind: 'audio',
            mime: 'audio/wav',
            ext: 'wav',
            bytes: made.wav,
            // coin.wav, coin-2.wav: the seed is in the origin, and the clip list shows it.
            name: `${readableSlug(soundName(request), 'sound')}.wav`,
            unique: true,
            origin: { engine: SYNTH_ID, seed: made.seed, parameters: made.parameters, durationMs: made.durationMs },
          },
          summary: `${(made.durationMs / 1000).toFixed(made.durationMs < 10_000 ? 2 : 1)} s of audio`,
        };
      },
    });
  }
}
