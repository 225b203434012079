import { z } from 'zod';
import { SFX_PRESETS, AMBIENCE_PRESETS, MUSICAL_KEYS, SCALES, SOUND_LIMITS } from './sound-limits.js';
export { SFX_PRESETS, AMBIENCE_PRESETS, MUSICAL_KEYS, SCALES, SOUND_LIMITS } from './sound-limits.js';

export type SfxPreset = (typeof SFX_PRESETS)[number];

export type AmbiencePreset = (typeof AMBIENCE_PRESETS)[number];

export type MusicalKey = (typeof MUSICAL_KEYS)[number];

export type Scale = (typeof SCALES)[number];

/** Beats in a bar of the melodic loop (4/4). */
export const BEATS_PER_BAR = 4;

/** 0 plays a preset as designed; any other seed is a variation that the same seed always reproduces. */
export const SoundSeedSchema = z.number().int().min(SOUND_LIMITS.seed.min).max(SOUND_LIMITS.seed.max);

export const SfxRequestSchema = z.strictObject({
  kind: z.literal('sfx'),
  preset: z.enum(SFX_PRESETS),
  seed: SoundSeedSchema,
});

export const AmbienceRequestSchema = z.strictObject({
  kind: z.literal('ambience'),
  preset: z.enum(AMBIENCE_PRESETS),
  seconds: z.number().min(SOUND_LIMITS.ambienceSeconds.min).max(SOUND_LIMITS.ambienceSeconds.max),
  seed: SoundSeedSchema,
});

export const LoopRequestSchema = z.strictObject({
  kind: z.literal('loop'),
  tempo: z.number().int().min(SOUND_LIMITS.tempo.min).max(SOUND_LIMITS.tempo.max),
  key: z.enum(MUSICAL_KEYS),
  scale: z.enum(SCALES),
  bars: z.number().int().min(SOUND_LIMITS.bars.min).max(SOUND_LIMITS.bars.max),
  seed: SoundSeedSchema,
});

/** What the synth can make: an effect, a bed of ambience, or a melodic loop. */
export const SoundRequestSchema = z.discriminatedUnion('kind', [SfxRequestSchema, AmbienceRequestSchema, LoopRequestSchema]);
export type SoundRequest = z.infer<typeof SoundRequestSchema>;

/** How the presets are named where people see them. */
export const SOUND_PRESET_LABELS: Readonly<Record<SfxPreset | AmbiencePreset, string>> = {
  coin: 'Coin',
  jump: 'Jump',
  laser: 'Laser',
  explosion: 'Explosion',
  powerup: 'Power-up',
  hit: 'Hit',
  blip: 'Blip',
  click: 'Click',
  rain: 'Rain',
  wind: 'Wind',
  drone: 'Drone',
};
