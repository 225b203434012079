import type { OutpaintAnchor, OutpaintTarget } from '../../../../preload/schemas/image-inpaint.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import type { MadeImage } from '../image-generation.js';
import { inpaintPicture, type InpaintRequest } from './inpaint-picture.js';
import { outpaintCanvas } from './outpaint-canvas.js';

interface OutpaintRequest extends Omit<InpaintRequest, 'mask' | 'feather'> {
  target: OutpaintTarget;
  anchor: OutpaintAnchor;
  seam?: number;
}

/**
 * Extends a picture to a new shape: the picture anchored on the new canvas, the new area (and a
 * seam into the picture) inpainted, the seam faded across so no edge shows.
 */
export async function outpaintPicture(
  request: OutpaintRequest,
  signal: AbortSignal,
  onProgress: (update: ProgressUpdate) => void,
): Promise<{ images: MadeImage[]; placed: { left: number; top: number; width: number; height: number } }> {
  const { target, anchor, seam, ...rest } = request;
  const canvas = await outpaintCanvas(request.image, target, anchor, seam);
  const images = await inpaintPicture({ ...rest, image: canvas.canvas, mask: canvas.mask, feather: canvas.seam }, signal, onProgress);
  return {
    images: images.map((image) => ({ ...image, label: image.label.replace(/^Inpaint/, 'Outpaint') })),
    placed: canvas.placed,
  };
}
