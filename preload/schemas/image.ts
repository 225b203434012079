import { z } from 'zod';
import { AssetSchema } from './asset.js';
import { IMAGE_TEMPLATES, IMAGE_ENGINES, IMAGE_LIMITS } from './image-limits.js';
export { IMAGE_TEMPLATES, IMAGE_ENGINES, IMAGE_LIMITS } from './image-limits.js';

export type ImageTemplateId = (typeof IMAGE_TEMPLATES)[number];

/** Each template's name as people read it: the Image tab, the gallery's facts and asset labels. */
export const TEMPLATE_LABELS: Readonly<Record<ImageTemplateId, string>> = {
  'title-card': 'Title card',
  'quote-card': 'Quote card',
  gradient: 'Gradient',
  pattern: 'Pattern',
  noise: 'Noise art',
  palette: 'Palette',
};

export type ImageEngineId = (typeof IMAGE_ENGINES)[number];

export const DIFFUSION_SCHEDULERS = ['euler-a', 'lcm', 'euler', 'ddim'] as const;
export type DiffusionScheduler = (typeof DIFFUSION_SCHEDULERS)[number];

export const IMAGE_FORMATS = ['png', 'jpeg', 'webp', 'avif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

const Size = z.number().int().min(IMAGE_LIMITS.size.min).max(IMAGE_LIMITS.size.max);
export const ImageSeedSchema = z.number().int().min(IMAGE_LIMITS.seed.min).max(IMAGE_LIMITS.seed.max);

export const ImageRequestSchema = z
  .strictObject({
    engine: z.enum(IMAGE_ENGINES).default('procedural'),
    /** Diffusion: an installed image model's id; absent means the active one. */
    model: z.string().min(1).max(200).optional(),
    /** Which procedural template draws the picture (procedural engine only). */
    template: z.enum(IMAGE_TEMPLATES).default('title-card'),
    /** Mood and colour words steer a procedural palette; diffusion follows it as its prompt. */
    prompt: z.string().max(IMAGE_LIMITS.prompt).default(''),
    negativePrompt: z.string().max(IMAGE_LIMITS.prompt).default(''),
    /** Title, quote or overlay text drawn on the picture. */
    text: z.string().max(IMAGE_LIMITS.text).optional(),
    width: Size.default(1280),
    height: Size.default(720),
    /** Absent: a random one, recorded in the asset so it can be made again. */
    seed: ImageSeedSchema.optional(),
    steps: z.number().int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max).default(IMAGE_LIMITS.steps.default),
    guidance: z.number().min(IMAGE_LIMITS.guidance.min).max(IMAGE_LIMITS.guidance.max).default(IMAGE_LIMITS.guidance.default),
    scheduler: z.enum(DIFFUSION_SCHEDULERS).default('euler-a'),
    /** img2img: how far from the starting picture to move (0 keeps it, 1 ignores it). */
    strength: z.number().min(IMAGE_LIMITS.strength.min).max(IMAGE_LIMITS.strength.max).optional(),
    /** img2img: an image asset of the open project to start from. */
    initAssetId: z.string().min(1).max(64).optional(),
    count: z.number().int().min(IMAGE_LIMITS.count.min).max(IMAGE_LIMITS.count.max).default(IMAGE_LIMITS.count.default),
  })
  .superRefine((request, context) => {
    if (request.engine === 'diffusion') {
      for (const side of ['width', 'height'] as const) {
        if (request[side] % IMAGE_LIMITS.diffusionMultiple !== 0) {
          context.addIssue({ code: 'custom', path: [side], message: `must be a multiple of ${IMAGE_LIMITS.diffusionMultiple} for diffusion` });
        }
      }
    } else if (request.initAssetId !== undefined || request.strength !== undefined || request.model !== undefined) {
      context.addIssue({ code: 'custom', path: ['initAssetId'], message: 'a model or a starting image needs the diffusion engine' });
    }
    if (request.strength !== undefined && request.initAssetId === undefined) {
      context.addIssue({ code: 'custom', path: ['strength'], message: 'strength needs a starting image (initAssetId)' });
    }
  });
export type ImageRequest = z.output<typeof ImageRequestSchema>;
export type ImageRequestInput = z.input<typeof ImageRequestSchema>;

export const ImageTemplateSchema = z.object({
  id: z.enum(IMAGE_TEMPLATES),
  name: z.string(),
  description: z.string(),
  defaultWidth: z.number().int(),
  defaultHeight: z.number().int(),
  /** What the text field means for this template ("Title", "Quote"…); absent when it draws none. */
  textLabel: z.string().optional(),
});
export type ImageTemplate = z.infer<typeof ImageTemplateSchema>;

const Pixels = z.number().int().min(1).max(IMAGE_LIMITS.size.max);
const Factor = z.number().min(0).max(3);

export const ImageEditOpSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('resize'), width: Pixels, height: Pixels, fit: z.enum(['cover', 'contain', 'fill', 'inside']).default('cover') }),
  z.strictObject({ op: z.literal('crop'), left: z.number().int().min(0), top: z.number().int().min(0), width: Pixels, height: Pixels }),
  z.strictObject({ op: z.literal('rotate'), degrees: z.number().min(-360).max(360) }),
  z
    .strictObject({
      op: z.literal('upscale'),
      factor: z.number().min(1).max(4),
      /** An installed upscaler model's id (Real-ESRGAN style); Lanczos when absent. */
      model: z.string().min(1).max(96).optional(),
    })
    .refine((op) => op.model === undefined || [2, 3, 4].includes(op.factor), { message: 'an upscaler model scales by 2, 3 or 4', path: ['factor'] }),
  z.strictObject({ op: z.literal('adjust'), brightness: Factor.default(1), contrast: Factor.default(1), saturation: Factor.default(1) }),
  z.strictObject({
    op: z.literal('text'),
    text: z.string().min(1).max(IMAGE_LIMITS.text),
    position: z.enum(['top', 'center', 'bottom']).default('bottom'),
  }),
]);
export type ImageEditOp = z.output<typeof ImageEditOpSchema>;

export const ImageEditRequestSchema = z.strictObject({
  assetId: z.string().min(1).max(64),
  ops: z.array(ImageEditOpSchema).max(16).default([]),
  format: z.enum(IMAGE_FORMATS).default('png'),
  /** For JPEG, WebP and AVIF. */
  quality: z.number().int().min(1).max(100).default(90),
});
export type ImageEditRequest = z.output<typeof ImageEditRequestSchema>;

/** Settings read back from an asset (its origin, or the text chunks of a PNG), ready to fill the form. */
export const ImageSettingsSchema = z.object({
  engine: z.enum(IMAGE_ENGINES),
  template: z.enum(IMAGE_TEMPLATES).optional(),
  model: z.string().optional(),
  prompt: z.string(),
  negativePrompt: z.string(),
  text: z.string().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  seed: z.number().int().nonnegative().optional(),
  steps: z.number().int().optional(),
  guidance: z.number().optional(),
  scheduler: z.enum(DIFFUSION_SCHEDULERS).optional(),
  /** Where they came from: the project's record, or the file's own chunks. */
  source: z.enum(['origin', 'png-atelier', 'png-parameters']),
});
export type ImageSettings = z.infer<typeof ImageSettingsSchema>;

export const ImageJobResultSchema = z.object({ assets: z.array(AssetSchema) });
export type ImageJobResult = z.infer<typeof ImageJobResultSchema>;
