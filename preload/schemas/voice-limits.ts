// Kept apart from the zod schemas so the CLI can print its help without loading zod.

/** Limits shared by the contract, the CLI and the Voice tab's controls. */
export const VOICE_LIMITS = {
  /** Longer text is refused with TOO_LARGE (split it into several clips). */
  textChars: 100_000,
  /** A multiplier of the voice's normal speed (espeak: 175 words a minute). */
  rate: { min: 0.5, max: 2, default: 1 },
  /** espeak's pitch scale: 0 low, 50 normal, 99 high. */
  pitch: { min: 0, max: 99, default: 50 },
  /** A multiplier of normal loudness. */
  volume: { min: 0, max: 2, default: 1 },
} as const;
