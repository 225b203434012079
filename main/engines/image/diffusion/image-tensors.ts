import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';

/**
 * A picture as the VAE encoder wants it: RGB, planar (CHW), −1…1, resized to cover the target size
 * (or stretched to it: inpainting must keep every pixel where its mask says).
 */
export async function imageToTensor(bytes: Uint8Array, width: number, height: number, fit: 'cover' | 'fill' = 'cover'): Promise<Float32Array> {
  let raw: Buffer;
  try {
    raw = await sharp(bytes).removeAlpha().resize(width, height, { fit }).toColourspace('srgb').raw().toBuffer();
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `The starting picture cannot be read: ${(error as Error).message}.`);
  }
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p += 1) {
    for (let c = 0; c < 3; c += 1) out[c * plane + p] = ((raw[p * 3 + c] as number) / 255) * 2 - 1;
  }
  return out;
}

/** The VAE decoder's planar −1…1 output for one picture → interleaved 8-bit RGB. */
export function tensorToRgb(data: Float32Array, offset: number, width: number, height: number): Buffer {
  const plane = width * height;
  const out = Buffer.alloc(plane * 3);
  for (let p = 0; p < plane; p += 1) {
    for (let c = 0; c < 3; c += 1) {
      const v = (data[offset + c * plane + p] as number) / 2 + 0.5;
      out[p * 3 + c] = Math.round(Math.min(1, Math.max(0, Number.isNaN(v) ? 0 : v)) * 255);
    }
  }
  return out;
}

export async function rgbToPng(rgb: Buffer, width: number, height: number): Promise<Uint8Array> {
  // Fixed zlib settings: the same pixels always make the same file.
  return new Uint8Array(
    await sharp(rgb, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 6, adaptiveFiltering: false })
      .toBuffer(),
  );
}
