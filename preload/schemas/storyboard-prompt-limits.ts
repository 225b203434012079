// Kept apart from the zod schemas so the CLI can print its help without loading zod.

/** Limits shared by the contract and the Project tab's "From a prompt" dialog. */
export const STORYBOARD_PROMPT_LIMITS = {
  prompt: 4000,
  scenes: { min: 1, max: 12, default: 4 },
} as const;
