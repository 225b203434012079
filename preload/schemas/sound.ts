import { z } from 'zod';

/** The effect presets of the built-in synth, in the order the Voice tab shows them. */
export const SFX_PRESETS = ['coin', 'jump', 'laser', 'explosion', 'powerup', 'hit', 'blip', 'click'] as const;
export type SfxPreset = (typeof SFX_PRESETS)[number];

export const AMBIENCE_PRESETS = ['rain', 'wind', 'drone'] as const;
export type AmbiencePreset = (typeof AMBIENCE_PRESETS)[number];

export const MUSICAL_KEYS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
export type MusicalKey = (typeof MUSICAL_KEYS)[number];

export const SCALES = ['major', 'minor', 'pentatonic', 'dorian'] as const;
export type Scale = (typeof SCALES)[number];

/** Limits shared by the contract, the CLI and the Voice tab's controls. */
export const SOUND_LIMITS = {
  seed: { min: 0, max: 4_294_967_295 },
  ambienceSeconds: { min: 1, max: 600, default: 30 },
  tempo: { min: 40, max: 240, default: 110 },
  bars: { min: 1, max: 32, default: 4 },
} as const;

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
