import { z } from 'zod';
import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS } from '../../../../preload/schemas/image.js';

const multipleOf8 = z
  .number()
  .int()
  .min(IMAGE_LIMITS.size.min)
  .max(IMAGE_LIMITS.size.max)
  .refine((v) => v % IMAGE_LIMITS.diffusionMultiple === 0, { message: `must be a multiple of ${IMAGE_LIMITS.diffusionMultiple}` });

/**
 * What main asks the diffusion host to make (diffusion-host.ts `generate`). Parsed again
 * on the host side: the CLI can hand a folder straight to the engine, past the contract.
 */
export const DiffusionHostRequestSchema = z.strictObject({
  modelDir: z.string().min(1),
  device: z.enum(['cpu', 'gpu']).default('cpu'),
  prompt: z.string().max(IMAGE_LIMITS.prompt),
  negativePrompt: z.string().max(IMAGE_LIMITS.prompt),
  width: multipleOf8,
  height: multipleOf8,
  steps: z.number().int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max),
  guidance: z.number().min(IMAGE_LIMITS.guidance.min).max(IMAGE_LIMITS.guidance.max),
  scheduler: z.enum(DIFFUSION_SCHEDULERS),
  seed: z.number().int().min(IMAGE_LIMITS.seed.min).max(IMAGE_LIMITS.seed.max),
  count: z.number().int().min(IMAGE_LIMITS.count.min).max(IMAGE_LIMITS.count.max),
  strength: z.number().min(IMAGE_LIMITS.strength.min).max(IMAGE_LIMITS.strength.max).optional(),
  initImage: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'must be image bytes' }).optional(),
  /** Send a preview every step (the default) or never (benchmarks). */
  previews: z.boolean().default(true),
});
export type DiffusionHostRequest = z.input<typeof DiffusionHostRequestSchema>;
export type DiffusionHostParams = z.output<typeof DiffusionHostRequestSchema>;

/** Streamed by `generate` after each step, and once when the model is loaded. */
export type DiffusionHostEvent =
  { kind: 'loaded'; provider: string; note?: string; loadMs: number } | { kind: 'step'; step: number; steps: number; preview?: Uint8Array };

export interface DiffusionHostImage {
  png: Uint8Array;
  seed: number;
  width: number;
  height: number;
}

export interface DiffusionHostResult {
  images: DiffusionHostImage[];
  provider: string;
  /** Milliseconds per UNet step (all pictures of the batch together), for benches and the job detail. */
  stepMs: number[];
  timeMs: number;
}
