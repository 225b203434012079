// Kept apart from the zod schemas so the CLI can print its help without loading zod.

/** The effect presets of the built-in synth, in the order the Voice tab shows them. */
export const SFX_PRESETS = ['coin', 'jump', 'laser', 'explosion', 'powerup', 'hit', 'blip', 'click'] as const;

export const AMBIENCE_PRESETS = ['rain', 'wind', 'drone'] as const;

export const MUSICAL_KEYS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

export const SCALES = ['major', 'minor', 'pentatonic', 'dorian'] as const;

/** Limits shared by the contract, the CLI and the Voice tab's controls. */
export const SOUND_LIMITS = {
  seed: { min: 0, max: 4_294_967_295 },
  ambienceSeconds: { min: 1, max: 600, default: 30 },
  tempo: { min: 40, max: 240, default: 110 },
  bars: { min: 1, max: 32, default: 4 },
} as const;
