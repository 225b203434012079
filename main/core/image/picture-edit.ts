import sharp from '../../platform/lazy-sharp.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import type { DiffusionTarget } from './image-inpaint-job.js';
import { inpaintPicture } from './image-render.js';

/** A repaint for a caller that keeps the pictures itself (the OpenAI API): no project, no asset. */
export interface PictureEditRequest {
  image: Uint8Array;
  /** White (or transparent) repaints; absent: the image's own transparent pixels are the mask. */
  mask?: Uint8Array;
  prompt: string;
  negativePrompt: string;
  count: number;
  /** The answer's size; the picture is repainted at its own and scaled to it. */
  size?: { width: number; height: number };
  seed: number;
  steps: number;
  guidance: number;
}

/** Checked and ready: `run` is what the caller's job does. */
export interface PreparedPictureEdit {
  modelId: string;
  run(signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<{ pngs: Uint8Array[]; width: number; height: number }>;
}

/** Whether a picture has pixels that are not fully opaque: OpenAI's "the image's transparent area is the mask". */
async function hasTransparency(image: Uint8Array): Promise<boolean> {
  const meta = await sharp(image)
    .metadata()
    .catch(() => {
      throw new AtelierError('INVALID_INPUT', 'image: not a picture (send a PNG).');
    });
  if (!meta.hasAlpha) return false;
  const alpha = await sharp(image).extractChannel('alpha').stats();
  return (alpha.channels[0]?.min ?? 255) < 255;
}

/**
 * Checks a repaint before any job starts (the picture reads, there is a mask) and returns the
 * work itself, which runs on the model and the device Settings chose, like every other repaint.
 */
export async function preparePictureEdit(request: PictureEditRequest, target: DiffusionTarget): Promise<PreparedPictureEdit> {
  let mask = request.mask;
  if (!mask) {
    if (!(await hasTransparency(request.image))) {
      throw new AtelierError('INVALID_INPUT', 'mask: send a mask, or an image whose transparent pixels mark what to repaint.');
    }
    mask = request.image;
  }
  const { size } = request;
  const checkedMask = mask;
  return {
    modelId: target.model.id,
    run: async (signal, onProgress) => {
      const made = await inpaintPicture(
        {
          ...target,
          image: request.image,
          mask: checkedMask,
          prompt: request.prompt,
          negativePrompt: request.negativePrompt,
          steps: request.steps,
          guidance: request.guidance,
          scheduler: 'euler-a',
          seed: request.seed,
          count: request.count,
        },
        signal,
        onProgress,
      );
      const dims = size ?? { width: made[0]?.metadata.width ?? 0, height: made[0]?.metadata.height ?? 0 };
      const pngs = await Promise.all(
        made.map(async (m) => (size ? new Uint8Array(await sharp(m.png).resize(size.width, size.height, { fit: 'fill' }).png().toBuffer()) : m.png)),
      );
      return { pngs, ...dims };
    },
  };
}
