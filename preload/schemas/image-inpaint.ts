import { z } from 'zod';
import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS, ImageSeedSchema } from './image.js';

/** Where the original sits on an outpainted canvas. */
export const OUTPAINT_ANCHORS = ['center', 'top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type OutpaintAnchor = (typeof OUTPAINT_ANCHORS)[number];

/** The new canvas: an aspect ratio that contains the picture, an exact size, or pixels added on each side. */
export type OutpaintTarget =
  { aspect: { width: number; height: number } } | { width: number; height: number } | { extend: { top: number; right: number; bottom: number; left: number } };

/** `image.inpaint`: repaint the painted part of a picture of the open project into a NEW picture; the original is kept. */
export const ImageInpaintRequestSchema = z.strictObject({
  assetId: z.string().min(1).max(64),
  /** The mask painter's PNG (opaque white = repaint, black = keep), any size: it is scaled to the picture. */
  maskDataUrl: z.string().startsWith('data:image/png;base64,').max(40_000_000),
  prompt: z.string().trim().min(1).max(IMAGE_LIMITS.prompt),
  negativePrompt: z.string().max(IMAGE_LIMITS.prompt).default(''),
  /** An installed image model's id; the active one when absent. */
  model: z.string().min(1).max(200).optional(),
  seed: ImageSeedSchema.optional(),
  steps: z.number().int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max).default(IMAGE_LIMITS.steps.default),
  guidance: z.number().min(IMAGE_LIMITS.guidance.min).max(IMAGE_LIMITS.guidance.max).default(IMAGE_LIMITS.guidance.default),
  scheduler: z.enum(DIFFUSION_SCHEDULERS).default('euler-a'),
  /** Pixels the repaint fades over into the original; the engine picks about 1.5 % of the shorter side when absent. */
  feather: z.number().int().min(0).max(256).optional(),
});
export type ImageInpaintRequest = z.output<typeof ImageInpaintRequestSchema>;

const OutpaintTargetSchema = z.union([
  z.strictObject({ aspect: z.strictObject({ width: z.int().min(1).max(100), height: z.int().min(1).max(100) }) }),
  z.strictObject({
    width: z.int().min(IMAGE_LIMITS.size.min).max(IMAGE_LIMITS.size.max),
    height: z.int().min(IMAGE_LIMITS.size.min).max(IMAGE_LIMITS.size.max),
  }),
  z.strictObject({
    extend: z.strictObject({
      top: z.int().min(0).max(IMAGE_LIMITS.size.max),
      right: z.int().min(0).max(IMAGE_LIMITS.size.max),
      bottom: z.int().min(0).max(IMAGE_LIMITS.size.max),
      left: z.int().min(0).max(IMAGE_LIMITS.size.max),
    }),
  }),
]);

/** `image.outpaint`: extend a picture of the open project to a new shape or size into a NEW picture; the original is kept. */
export const ImageOutpaintRequestSchema = z.strictObject({
  assetId: z.string().min(1).max(64),
  target: OutpaintTargetSchema,
  anchor: z.enum(OUTPAINT_ANCHORS).default('center'),
  /** What fills the new area; blank continues the picture with its own prompt (or none). */
  prompt: z.string().trim().max(IMAGE_LIMITS.prompt).default(''),
  negativePrompt: z.string().max(IMAGE_LIMITS.prompt).default(''),
  model: z.string().min(1).max(200).optional(),
  seed: ImageSeedSchema.optional(),
  steps: z.number().int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max).default(IMAGE_LIMITS.steps.default),
  guidance: z.number().min(IMAGE_LIMITS.guidance.min).max(IMAGE_LIMITS.guidance.max).default(IMAGE_LIMITS.guidance.default),
  scheduler: z.enum(DIFFUSION_SCHEDULERS).default('euler-a'),
  /** Pixels of the picture the repaint reaches into along each new edge (the blend); the engine picks when absent. */
  seam: z.int().min(0).max(256).optional(),
});
export type ImageOutpaintRequest = z.output<typeof ImageOutpaintRequestSchema>;
