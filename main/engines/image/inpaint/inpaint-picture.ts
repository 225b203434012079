import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';
import { IMAGE_LIMITS, type DiffusionScheduler } from '../../../../preload/schemas/image.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import { diffusionEngine } from '../diffusion-engine-link.js';
import { withImageMetadata, type ImageMetadata } from '../image-metadata.js';
import type { MadeImage } from '../image-generation.js';

export interface InpaintRequest {
  model: { id: string; dir: string };
  /** The picture (PNG, JPEG, WebP…) and its mask (white or transparent repaints; any size). */
  image: Uint8Array;
  mask: Uint8Array;
  prompt: string;
  negativePrompt: string;
  steps: number;
  guidance: number;
  scheduler: DiffusionScheduler;
  seed: number;
  count: number;
  /** 1 (the default) repaints the masked area from noise; lower keeps more of what was there. */
  strength?: number;
  /** Pixels the repaint fades over into the original (inward). */
  feather?: number;
  /** The longest side diffusion works at; the result is brought back to the picture's own size. */
  workSide?: number;
  device?: 'cpu' | 'gpu';
  hardwareGpu?: boolean;
}

/** SD 1.x/2.x work best near their training size: a large picture is repainted at this side and scaled back. */
const DEFAULT_WORK_SIDE = 768;

/** The working size: the picture's own, scaled down to `side` when larger, each side a multiple of 8. */
function workingSize(width: number, height: number, side = DEFAULT_WORK_SIDE): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(width, height));
  const m = IMAGE_LIMITS.diffusionMultiple;
  const fit = (v: number) => Math.min(IMAGE_LIMITS.size.max, Math.max(IMAGE_LIMITS.size.min, Math.round((v * scale) / m) * m));
  return { width: fit(width), height: fit(height) };
}

async function sizeOf(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes)
    .metadata()
    .catch((error: Error) => {
      throw new AtelierError('INVALID_INPUT', `The picture to repaint cannot be read: ${error.message}.`);
    });
  if (!meta.width || !meta.height) throw new AtelierError('INVALID_INPUT', 'The picture to repaint has no size.');
  return { width: meta.width, height: meta.height };
}

/**
 * Repaints the masked part of a picture with the diffusion engine: a 9-channel inpainting UNet
 * when the model has one, masked img2img otherwise. Only the mask changes; each result is the
 * picture's own size and carries its settings in its PNG text chunks.
 */
export async function inpaintPicture(request: InpaintRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<MadeImage[]> {
  const own = await sizeOf(request.image);
  const work = workingSize(own.width, own.height, request.workSide);
  const result = await diffusionEngine.generate(
    {
      modelDir: request.model.dir,
      prompt: request.prompt,
      negativePrompt: request.negativePrompt,
      width: work.width,
      height: work.height,
      steps: request.steps,
      guidance: request.guidance,
      scheduler: request.scheduler,
      seed: request.seed,
      count: request.count,
      initImage: request.image,
      mask: request.mask,
      ...(request.strength !== undefined && { strength: request.strength }),
      ...(request.feather !== undefined && { feather: request.feather }),
      ...(request.device && { device: request.device }),
      ...(request.hardwareGpu !== undefined && { hardwareGpu: request.hardwareGpu }),
    },
    signal,
    onProgress,
  );
  const each = Math.round(result.timeMs / Math.max(1, result.images.length));
  return result.images.map((image): MadeImage => {
    const metadata: ImageMetadata = {
      engine: 'diffusion',
      model: request.model.id,
      prompt: request.prompt,
      negativePrompt: request.negativePrompt,
      width: image.width,
      height: image.height,
      seed: image.seed,
      steps: request.steps,
      guidance: request.guidance,
      scheduler: request.scheduler,
      strength: request.strength ?? 1,
    };
    const words = request.prompt.trim().split(/\s+/).slice(0, 6).join(' ');
    return { png: withImageMetadata(image.png, metadata), metadata, timeMs: each, label: `Inpaint ${words}`.trim() };
  });
}
