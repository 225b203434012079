import type { SfxPreset } from '../../../preload/schemas/sound.js';
import type { Waveform } from './oscillators.js';
import { randomFor } from './seeded-random.js';

/**
 * One effect, described the way sfxr describes it but in units a person can read:
 * hertz, seconds, octaves per second, semitones.
 */
export interface SfxParameters {
  wave: Waveform;
  /** Starting pitch, Hz. */
  frequency: number;
  /** The pitch never slides below this, Hz. */
  minFrequency: number;
  /** Pitch glide, octaves per second (negative falls). */
  slide: number;
  /** Change of the glide, octaves per second per second. */
  deltaSlide: number;
  vibratoDepth: number;
  vibratoRate: number;
  /** Square pulse width, 0.05..0.5. */
  duty: number;
  /** Pulse width change per second. */
  dutySweep: number;
  /** Pitch multiplier that jumps in after `arpeggioTime` (1: none): the second note of a coin. */
  arpeggio: number;
  arpeggioTime: number;
  /** Seconds between restarts of the pitch (0: none): the warble of a power-up. */
  repeat: number;
  /** Semitones each restart climbs. */
  repeatRise: number;
  attack: number;
  sustain: number;
  punch: number;
  decay: number;
  /** White noise mixed under the wave, 0..1. */
  noise: number;
  /** Low-pass cutoff, Hz (20000: open), its sweep in octaves per second, and its resonance 0..1. */
  lowpass: number;
  lowpassSweep: number;
  resonance: number;
  /** High-pass cutoff, Hz (0: off), and its sweep. */
  highpass: number;
  highpassSweep: number;
  /** A short comb delay, ms (0: off), and its sweep in ms per second: the swoosh of sfxr's phaser. */
  phaser: number;
  phaserSweep: number;
}

type NumericParameter = Exclude<keyof SfxParameters, 'wave'>;

interface PresetDefinition {
  /** What seed 0 plays: the sound the button promises. */
  canonical: SfxParameters;
  /** Where a seed may move each parameter; parameters not listed stay canonical. */
  ranges: Partial<Record<NumericParameter, readonly [number, number]>>;
  waves: readonly Waveform[];
}

const BASE: SfxParameters = {
  wave: 'square',
  frequency: 440,
  minFrequency: 30,
  slide: 0,
  deltaSlide: 0,
  vibratoDepth: 0,
  vibratoRate: 6,
  duty: 0.5,
  dutySweep: 0,
  arpeggio: 1,
  arpeggioTime: 0,
  repeat: 0,
  repeatRise: 0,
  attack: 0,
  sustain: 0.1,
  punch: 0,
  decay: 0.2,
  noise: 0,
  lowpass: 20_000,
  lowpassSweep: 0,
  resonance: 0,
  highpass: 0,
  highpassSweep: 0,
  phaser: 0,
  phaserSweep: 0,
};

/** Parameters spread on a log scale when a seed moves them: pitches, cutoffs and times. */
const LOG_SCALE: ReadonlySet<NumericParameter> = new Set(['frequency', 'minFrequency', 'lowpass', 'highpass', 'sustain', 'decay', 'arpeggioTime', 'repeat']);

export const SFX_PRESET_DEFINITIONS: Readonly<Record<SfxPreset, PresetDefinition>> = {
  coin: {
    canonical: { ...BASE, frequency: 1046.5, duty: 0.5, arpeggio: 1.335, arpeggioTime: 0.07, sustain: 0.07, punch: 0.45, decay: 0.3, lowpass: 9000 },
    ranges: {
      frequency: [780, 1500],
      duty: [0.3, 0.5],
      arpeggio: [1.25, 1.6],
      arpeggioTime: [0.04, 0.1],
      sustain: [0.04, 0.12],
      punch: [0.25, 0.6],
      decay: [0.18, 0.42],
    },
    waves: ['square', 'square', 'triangle', 'saw'],
  },
  jump: {
    canonical: { ...BASE, frequency: 300, slide: 2.2, duty: 0.3, sustain: 0.11, decay: 0.2, lowpass: 5500, highpass: 90 },
    ranges: {
      frequency: [200, 460],
      slide: [1.4, 3.2],
      deltaSlide: [-2, 1],
      duty: [0.15, 0.5],
      sustain: [0.07, 0.16],
      decay: [0.12, 0.3],
      lowpass: [3500, 9000],
    },
    waves: ['square', 'square', 'triangle'],
  },
  laser: {
    canonical: {
      ...BASE,
      wave: 'saw',
      frequency: 1700,
      minFrequency: 160,
      slide: -7,
      deltaSlide: 8,
      duty: 0.3,
      dutySweep: 0.6,
      sustain: 0.07,
      punch: 0.2,
      decay: 0.17,
      lowpass: 7000,
      highpass: 120,
    },
    ranges: {
      frequency: [1000, 2600],
      slide: [-11, -4],
      deltaSlide: [0, 14],
      duty: [0.1, 0.5],
      dutySweep: [-1, 1],
      sustain: [0.04, 0.12],
      punch: [0, 0.5],
      decay: [0.1, 0.26],
      lowpass: [4000, 12000],
      phaser: [0, 2],
    },
    waves: ['saw', 'square', 'sine'],
  },
  explosion: {
    canonical: {
      ...BASE,
      wave: 'noise',
      frequency: 90,
      minFrequency: 20,
      slide: -0.7,
      sustain: 0.22,
      punch: 0.7,
      decay: 1.1,
      lowpass: 4200,
      lowpassSweep: -1.6,
      resonance: 0.25,
      phaser: 2.5,
      phaserSweep: 2,
    },
    ranges: {
      frequency: [55, 150],
      slide: [-1.2, -0.2],
      sustain: [0.12, 0.35],
      punch: [0.4, 0.85],
      decay: [0.7, 1.5],
      lowpass: [2000, 7000],
      lowpassSweep: [-2.4, -0.8],
      resonance: [0, 0.5],
      phaser: [0, 6],
      phaserSweep: [-2, 4],
    },
    waves: ['noise'],
  },
  powerup: {
    canonical: {
      ...BASE,
      frequency: 392,
      slide: 1.6,
      duty: 0.4,
      repeat: 0.09,
      repeatRise: 2,
      vibratoDepth: 0.15,
      vibratoRate: 14,
      sustain: 0.32,
      decay: 0.3,
      lowpass: 8000,
      highpass: 80,
    },
    ranges: {
      frequency: [260, 560],
      slide: [0.8, 2.6],
      duty: [0.2, 0.5],
      repeat: [0.06, 0.13],
      repeatRise: [1, 4],
      vibratoDepth: [0, 0.4],
      sustain: [0.22, 0.45],
      decay: [0.2, 0.4],
    },
    waves: ['square', 'square', 'saw', 'triangle'],
  },
  hit: {
    canonical: {
      ...BASE,
      wave: 'square',
      frequency: 420,
      minFrequency: 60,
      slide: -4.5,
      duty: 0.35,
      noise: 0.35,
      sustain: 0.04,
      punch: 0.6,
      decay: 0.16,
      lowpass: 6000,
      highpass: 180,
    },
    ranges: {
      frequency: [220, 700],
      slide: [-8, -2.5],
      duty: [0.2, 0.5],
      noise: [0.1, 0.7],
      sustain: [0.02, 0.07],
      punch: [0.3, 0.8],
      decay: [0.1, 0.24],
      highpass: [80, 500],
    },
    waves: ['square', 'saw', 'noise'],
  },
  blip: {
    canonical: { ...BASE, frequency: 880, duty: 0.5, sustain: 0.05, decay: 0.06, lowpass: 7000, highpass: 150 },
    ranges: {
      frequency: [520, 1400],
      duty: [0.2, 0.5],
      sustain: [0.03, 0.08],
      decay: [0.03, 0.1],
    },
    waves: ['square', 'square', 'sine', 'triangle'],
  },
  click: {
    canonical: {
      ...BASE,
      wave: 'sine',
      frequency: 2200,
      slide: -9,
      noise: 0.45,
      sustain: 0.003,
      decay: 0.025,
      lowpass: 10_000,
      highpass: 700,
    },
    ranges: {
      frequency: [1200, 3600],
      slide: [-14, -4],
      noise: [0.2, 0.8],
      decay: [0.012, 0.04],
      highpass: [400, 1500],
    },
    waves: ['sine', 'triangle', 'square'],
  },
};

/**
 * The parameters a preset plays with a seed: seed 0 is the canonical sound, any
 * other seed moves each listed parameter within its range, the same way every time.
 */
export function sfxParameters(preset: SfxPreset, seed: number): SfxParameters {
  const definition = SFX_PRESET_DEFINITIONS[preset];
  if (seed === 0) return { ...definition.canonical };
  const random = randomFor(`sfx:${preset}`, seed);
  const parameters: SfxParameters = { ...definition.canonical, wave: random.pick(definition.waves) };
  for (const [name, range] of Object.entries(definition.ranges) as [NumericParameter, readonly [number, number]][]) {
    const [min, max] = range;
    parameters[name] = LOG_SCALE.has(name) && min > 0 ? random.logRange(min, max) : random.range(min, max);
  }
  return parameters;
}
