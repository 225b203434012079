import { z } from 'zod';
import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS, ImageSeedSchema } from './image.js';

/** Where the original sits on an outpainted canvas. */
export const OUTPAINT_ANCHORS = ['center', 'top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type OutpaintAnchor = (typeof OUTPAINT_ANCHORS)[number];

const Side = z.number().int().min(0).max(IMAGE_LIMITS.size.max);
const Size = z.number().int().min(IMAGE_LIMITS.size.min).max(IMAGE_LIMITS.size.max);

/** The new canvas: an aspect ratio that contains the picture, an exact size, or pixels added on each side. */
export const OutpaintTargetSchema = z.union([
  z.strictObject({ aspect: z.strictObject({ width: z.number().int().min(1).max(100), height: z.number().int().min(1).max(100) }) }),
  z.strictObject({ width: Size, height: Size }),
  z.strictObject({ extend: z.strictObject({ top: Side.default(0), right: Side.default(0), bottom: Side.default(0), left: Side.default(0) }) }),
]);
export type OutpaintTarget = z.output<typeof OutpaintTargetSchema>;

/** The diffusion settings inpainting and outpainting share (the model is the active image model when absent). */
const RepaintSettings = {
  model: z.string().min(1).max(200).optional(),
  prompt: z.string().max(IMAGE_LIMITS.prompt).default(''),
  negativePrompt: z.string().max(IMAGE_LIMITS.prompt).default(''),
  seed: ImageSeedSchema.optional(),
  steps: z.number().int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max).default(IMAGE_LIMITS.steps.default),
  guidance: z.number().min(IMAGE_LIMITS.guidance.min).max(IMAGE_LIMITS.guidance.max).default(IMAGE_LIMITS.guidance.default),
  scheduler: z.enum(DIFFUSION_SCHEDULERS).default('euler-a'),
  /** 1 repaints from noise; lower keeps more of what was under the mask. */
  strength: z.number().min(IMAGE_LIMITS.strength.min).max(IMAGE_LIMITS.strength.max).default(1),
  count: z.number().int().min(IMAGE_LIMITS.count.min).max(IMAGE_LIMITS.count.max).default(1),
};

/** `image.inpaint`: repaint the white part of `maskAssetId` (transparent, if it has alpha) on an image asset. */
export const InpaintRequestSchema = z.strictObject({
  assetId: z.string().min(1).max(64),
  /** An image asset of the project, or the mask's PNG as a data: URL (the painter sends its strokes so). */
  mask: z.union([z.strictObject({ assetId: z.string().min(1).max(64) }), z.strictObject({ dataUrl: z.string().startsWith('data:image/').max(40_000_000) })]),
  feather: z.number().int().min(0).max(256).optional(),
  ...RepaintSettings,
});
export type InpaintRequest = z.output<typeof InpaintRequestSchema>;
export type InpaintRequestInput = z.input<typeof InpaintRequestSchema>;

/** `image.outpaint`: extend an image asset to a new shape, the new area painted to match. */
export const OutpaintRequestSchema = z.strictObject({
  assetId: z.string().min(1).max(64),
  target: OutpaintTargetSchema,
  anchor: z.enum(OUTPAINT_ANCHORS).default('center'),
  /** Pixels of the original blended into the new area along each new edge. */
  seam: z.number().int().min(0).max(256).optional(),
  ...RepaintSettings,
});
export type OutpaintRequest = z.output<typeof OutpaintRequestSchema>;
export type OutpaintRequestInput = z.input<typeof OutpaintRequestSchema>;
