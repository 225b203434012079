// Kept apart from the zod schemas so the CLI can print its help without loading zod.

/** Limits shared by the contract, the CLI and the Write tab's controls. */
export const TEXT_LIMITS = {
  temperature: { min: 0, max: 2, default: 0.7 },
  topP: { min: 0.01, max: 1, default: 0.95 },
  maxTokens: { min: 1, max: 8192, default: 512 },
  seed: { min: 0, max: 0xffff_ffff },
} as const;
