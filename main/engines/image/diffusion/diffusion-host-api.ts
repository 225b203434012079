import { z } from 'zod';
import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS } from '../../../../preload/schemas/image.js';
import { defineHostProtocol } from '../../../platform/engine-host/host-protocol.js';

/** A Buffer from the host arrives as a plain Uint8Array; both pass. */
const bytes = (what: string) => z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: `must be ${what}` });

const multipleOf8 = z
  .number()
  .int()
  .min(IMAGE_LIMITS.size.min)
  .max(IMAGE_LIMITS.size.max)
  .refine((v) => v % IMAGE_LIMITS.diffusionMultiple === 0, { message: `must be a multiple of ${IMAGE_LIMITS.diffusionMultiple}` });

/**
 * What main asks the diffusion host to make (diffusion-host.ts `generate`). The host's
 * parse matters most here: the CLI can hand a folder straight to the engine, past the contract.
 */
export const DiffusionHostRequestSchema = z
  .strictObject({
    modelDir: z.string().min(1),
    device: z.enum(['cpu', 'gpu']).default('cpu'),
    /** Whether main found a real GPU (software renderers such as lavapipe are not); unknown when absent. */
    hardwareGpu: z.boolean().optional(),
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
    initImage: bytes('image bytes').optional(),
    /**
     * Inpainting: which part of initImage to repaint (white, or transparent in a mask with alpha), any
     * size. width×height is then the working size and the pictures come back at initImage's own size.
     */
    mask: bytes('mask bytes').optional(),
    /** Pixels over which the repainted area fades into the original (inward); about 1.5 % of the shorter side when absent. */
    feather: z.int().min(0).max(256).optional(),
    /** Send a preview every step (the default) or never (benchmarks). */
    previews: z.boolean().default(true),
  })
  .refine((request) => request.mask === undefined || request.initImage !== undefined, {
    message: 'a mask needs the picture it masks (initImage)',
    path: ['mask'],
  });
export type DiffusionHostRequest = z.input<typeof DiffusionHostRequestSchema>;
export type DiffusionHostParams = z.output<typeof DiffusionHostRequestSchema>;

/**
 * Streamed by `generate`: once when the model is loaded, after each step, and a preview of an
 * earlier step whenever one finishes encoding (beside the steps, never holding them back).
 */
const DiffusionHostEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loaded'), provider: z.string(), note: z.string().optional(), loadMs: z.number() }),
  z.object({ kind: z.literal('step'), step: z.int(), steps: z.int() }),
  z.object({ kind: z.literal('preview'), step: z.int(), preview: bytes('preview bytes') }),
]);
export type DiffusionHostEvent = z.output<typeof DiffusionHostEventSchema>;

const DiffusionHostImageSchema = z.object({
  png: bytes('PNG bytes'),
  seed: z.int(),
  width: z.int(),
  height: z.int(),
});
export type DiffusionHostImage = z.output<typeof DiffusionHostImageSchema>;

const DiffusionHostResultSchema = z.object({
  images: z.array(DiffusionHostImageSchema),
  provider: z.string(),
  /** Milliseconds per UNet step (all pictures of the batch together), for benches and the job detail. */
  stepMs: z.array(z.number()),
  timeMs: z.number(),
});
export type DiffusionHostResult = z.output<typeof DiffusionHostResultSchema>;

/** Model upscaling (Real-ESRGAN-style graphs), tiled in the host: upscale/upscale-image.ts. */
const UPSCALE_SCALES = [2, 3, 4] as const;
const UpscaleHostRequestSchema = z.strictObject({
  /** The upscaler's .onnx file. */
  modelFile: z.string().min(1),
  image: bytes('image bytes'),
  scale: z.union(UPSCALE_SCALES.map((s) => z.literal(s))),
  /** Tile edge and shared pixels, in input pixels: the memory bound. */
  tile: z.int().min(32).max(1024).default(192),
  overlap: z.int().min(0).max(128).default(16),
});
export type UpscaleHostRequest = z.input<typeof UpscaleHostRequestSchema>;
export type UpscaleHostParams = z.output<typeof UpscaleHostRequestSchema>;
const UpscaleHostEventSchema = z.object({ kind: z.literal('tile'), fraction: z.number().min(0).max(1), detail: z.string() });
export type UpscaleHostEvent = z.output<typeof UpscaleHostEventSchema>;
const UpscaleHostResultSchema = z.object({ png: bytes('PNG bytes'), width: z.int(), height: z.int(), timeMs: z.number() });
export type UpscaleHostResult = z.output<typeof UpscaleHostResultSchema>;

/** The diffusion host's methods (diffusion-host.ts serves them, diffusion-client.ts calls them). */
export const DIFFUSION_PROTOCOL = defineHostProtocol({
  generate: { params: DiffusionHostRequestSchema, result: DiffusionHostResultSchema, event: DiffusionHostEventSchema },
  upscale: { params: UpscaleHostRequestSchema, result: UpscaleHostResultSchema, event: UpscaleHostEventSchema },
  unload: { params: z.object({}), result: z.null() },
});
