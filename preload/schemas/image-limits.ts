// Kept apart from the zod schemas so the CLI can print its help without loading zod.

/** The procedural templates, in the order the Image tab lists them. */
export const IMAGE_TEMPLATES = ['title-card', 'quote-card', 'gradient', 'pattern', 'noise', 'palette'] as const;

export const IMAGE_ENGINES = ['procedural', 'diffusion'] as const;

/** Limits shared by the contract, the CLI and the Image tab's controls. */
export const IMAGE_LIMITS = {
  size: { min: 64, max: 4096 },
  /** Diffusion works on an 8× smaller latent, so its sizes are multiples of 8. */
  diffusionMultiple: 8,
  seed: { min: 0, max: 4_294_967_295 },
  steps: { min: 1, max: 150, default: 20 },
  guidance: { min: 0, max: 30, default: 7.5 },
  strength: { min: 0, max: 1, default: 0.6 },
  count: { min: 1, max: 8, default: 1 },
  prompt: 2000,
  text: 500,
} as const;
