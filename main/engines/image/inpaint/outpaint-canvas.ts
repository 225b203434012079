import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';
import { outpaintLayout } from '../../../../preload/outpaint-layout.js';
import type { OutpaintAnchor, OutpaintTarget } from '../../../../preload/schemas/image-inpaint.js';

interface OutpaintCanvas {
  /** The picture placed on the new canvas, the new area filled with its edge pixels (a start diffusion can work from). */
  canvas: Uint8Array;
  /** White where the canvas is new, and `seam` pixels into the picture along each new edge. */
  mask: Uint8Array;
  width: number;
  height: number;
  /** Pixels of the picture the mask reaches into along each new edge (the blend). */
  seam: number;
  /** Where the picture (scaled down if the canvas is smaller) sits. */
  placed: { left: number; top: number; width: number; height: number };
}

/**
 * The canvas and mask for outpainting: the picture anchored on a larger (or differently shaped)
 * canvas. A canvas smaller than the picture on a side scales the picture down to fit inside it.
 */
export async function outpaintCanvas(image: Uint8Array, target: OutpaintTarget, anchor: OutpaintAnchor, seam?: number): Promise<OutpaintCanvas> {
  const meta = await sharp(image)
    .metadata()
    .catch((error: Error) => {
      throw new AtelierError('INVALID_INPUT', `The picture to extend cannot be read: ${error.message}.`);
    });
  if (!meta.width || !meta.height) throw new AtelierError('INVALID_INPUT', 'The picture to extend has no size.');
  const { width, height, pw, ph, left, top } = outpaintLayout({ width: meta.width, height: meta.height }, target, anchor);
  const picture = await sharp(image).removeAlpha().resize(pw, ph, { fit: 'fill' }).toColourspace('srgb').png().toBuffer();
  const canvas = await sharp(picture)
    .extend({ top, left, bottom: height - ph - top, right: width - pw - left, extendWith: 'copy' })
    .png({ compressionLevel: 6 })
    .toBuffer();

  const band = seam ?? Math.max(4, Math.round(Math.min(pw, ph) / 24));
  // The seam goes into the picture only along edges that border new canvas.
  const keep = {
    left: left > 0 ? left + band : 0,
    top: top > 0 ? top + band : 0,
    right: left + pw < width ? left + pw - band : width,
    bottom: top + ph < height ? top + ph - band : height,
  };
  const raw = Buffer.alloc(width * height, 255);
  for (let y = keep.top; y < keep.bottom; y += 1) raw.fill(0, y * width + keep.left, y * width + Math.max(keep.left, keep.right));
  const mask = await sharp(raw, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
  return { canvas: new Uint8Array(canvas), mask: new Uint8Array(mask), width, height, seam: band, placed: { left, top, width: pw, height: ph } };
}
