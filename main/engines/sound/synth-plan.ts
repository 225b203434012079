import { SOUND_PRESET_LABELS, type SoundRequest } from '../../../preload/schemas/sound.js';
import { ambienceSource } from './ambience.js';
import { composeLoop, LoopSource } from './melodic-loop.js';
import { randomFor } from './seeded-random.js';
import { sfxParameters } from './sfx-presets.js';
import { SfxSource } from './sfx-render.js';
import type { SoundSourceFactory } from './sound-source.js';

/** Everything needed to render one request, and to describe the clip it makes. */
interface SynthPlan {
  create: SoundSourceFactory;
  /** Fades at the ends, seconds: short enough to keep an effect's attack, long enough to stop a click. */
  fadeIn: number;
  fadeOut: number;
  /** What made the clip, recorded in the asset's origin so it can be made again or varied. */
  parameters: Record<string, unknown>;
  /** "Coin (seed 42)": the clip's name, without extension. */
  label: string;
}

/** "Coin", "Rain, 30 s", "Loop in C major, 110 BPM": what the clip is, for its file name (the seed is in its origin). */
export function planName(request: SoundRequest): string {
  switch (request.kind) {
    case 'sfx':
      return SOUND_PRESET_LABELS[request.preset];
    case 'ambience':
      return `${SOUND_PRESET_LABELS[request.preset]}, ${formatSeconds(request.seconds)}`;
    case 'loop':
      return `Loop in ${request.key} ${request.scale}, ${request.tempo} BPM`;
  }
}

/** "Coin (seed 42)", "Rain, 30 s (seed 7)", "Loop in C major, 110 BPM (seed 3)": job titles and the CLI's report. */
export function planLabel(request: SoundRequest): string {
  return `${planName(request)} (seed ${request.seed})`;
}

export function planSound(request: SoundRequest): SynthPlan {
  const label = planLabel(request);
  switch (request.kind) {
    case 'sfx': {
      const settings = sfxParameters(request.preset, request.seed);
      return {
        create: () => new SfxSource(settings, randomFor(`sfx-render:${request.preset}`, request.seed)),
        fadeIn: 0.002,
        fadeOut: 0.01,
        parameters: { kind: 'sfx', preset: request.preset, settings },
        label,
      };
    }
    case 'ambience':
      return {
        create: () => ambienceSource(request.preset, request.seconds, request.seed),
        fadeIn: 0.05,
        fadeOut: 0.08,
        parameters: { kind: 'ambience', preset: request.preset, seconds: request.seconds },
        label,
      };
    case 'loop': {
      const score = composeLoop(request);
      return {
        create: () => new LoopSource(score, request.seed),
        fadeIn: 0.003,
        fadeOut: 0.012,
        parameters: {
          kind: 'loop',
          tempo: request.tempo,
          key: request.key,
          scale: request.scale,
          bars: request.bars,
          ...score.choices,
        },
        label,
      };
    }
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${Number(seconds.toFixed(2))} s`;
  return `${seconds / 60} min`;
}
