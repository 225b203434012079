import { AMBIENCE_PRESETS, MUSICAL_KEYS, SCALES, SFX_PRESETS, SOUND_LIMITS, type SoundRequest } from '../../../preload/schemas/sound.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import type { Engine } from '../engine.js';
import { SAMPLE_RATE } from './audio-format.js';
import { renderPcm16 } from './render-pcm.js';
import { planSound } from './synth-plan.js';
import { encodeWav } from '../../platform/audio/wav.js';

export interface SynthResult {
  /** The bytes of a 44.1 kHz mono 16-bit WAV file. */
  wav: Uint8Array;
  durationMs: number;
  seed: number;
  parameters: Record<string, unknown>;
  /** "Coin (seed 42)". */
  label: string;
}

/**
 * The built-in sound synthesizer: effects, ambience and loops from TypeScript DSP,
 * with no model and nothing to install. Stateless, so one instance serves every
 * host; the same request always gives the same bytes.
 */
export const synthEngine: Engine<SoundRequest, SynthResult> = {
  id: 'synth',
  modality: 'sound',
  name: 'Sound synthesizer',
  parameters: [
    { name: 'preset', label: 'Preset', type: 'enum', options: [...SFX_PRESETS, ...AMBIENCE_PRESETS, 'loop'], default: 'coin' },
    { name: 'seed', label: 'Seed', type: 'integer', min: SOUND_LIMITS.seed.min, max: SOUND_LIMITS.seed.max, default: 0 },
    {
      name: 'seconds',
      label: 'Ambience length (s)',
      type: 'number',
      min: SOUND_LIMITS.ambienceSeconds.min,
      max: SOUND_LIMITS.ambienceSeconds.max,
      step: 1,
      default: SOUND_LIMITS.ambienceSeconds.default,
    },
    { name: 'tempo', label: 'Tempo (BPM)', type: 'integer', min: SOUND_LIMITS.tempo.min, max: SOUND_LIMITS.tempo.max, default: SOUND_LIMITS.tempo.default },
    { name: 'key', label: 'Key', type: 'enum', options: MUSICAL_KEYS, default: 'C' },
    { name: 'scale', label: 'Scale', type: 'enum', options: SCALES, default: 'major' },
    { name: 'bars', label: 'Bars', type: 'integer', min: SOUND_LIMITS.bars.min, max: SOUND_LIMITS.bars.max, default: SOUND_LIMITS.bars.default },
  ],
  availability: async () => ({ available: true }),
  async generate(request: SoundRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<SynthResult> {
    const plan = planSound(request);
    const rendered = await renderPcm16(plan.create, {
      signal,
      fadeInSeconds: plan.fadeIn,
      fadeOutSeconds: plan.fadeOut,
      onProgress: (fraction) => onProgress({ fraction }),
    });
    const seconds = rendered.samples.length / SAMPLE_RATE;
    const wav = encodeWav(rendered.samples, SAMPLE_RATE);
    return {
      wav,
      durationMs: Math.round(seconds * 1000),
      seed: request.seed,
      parameters: plan.parameters,
      label: plan.label,
    };
  },
};
