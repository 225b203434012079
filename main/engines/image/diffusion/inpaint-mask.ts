import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';

/** A mask pixel at or above this repaints (0…1): anti-aliased brush edges count from half-covered. */
const REPAINT_FROM = 0.5;

/**
 * A mask picture as 0…1 coverage at `width`×`height` (1 = repaint), whatever its own size.
 * White repaints; a mask with real transparency uses its alpha instead, transparent repainting
 * (OpenAI's rule for `/v1/images/edits`, so its masks and its transparent pictures work here).
 */
export async function readMask(bytes: Uint8Array, width: number, height: number, what = 'The mask'): Promise<Float32Array> {
  let raw: Buffer;
  let channels: number;
  let alpha = false;
  try {
    const image = sharp(bytes);
    const meta = await image.metadata();
    const rgba = await image.ensureAlpha().resize(width, height, { fit: 'fill' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    raw = rgba.data;
    channels = rgba.info.channels;
    alpha = meta.hasAlpha === true && hasTransparency(raw, channels);
  } catch (error) {
    throw new AtelierError(
      'INVALID_INPUT',
      `${what} is not a picture Atelier can read (a PNG, black to keep and white to repaint): ${(error as Error).message}.`,
    );
  }
  const at = alpha
    ? (p: number) => 1 - (raw[p + channels - 1] as number) / 255
    : (p: number) => (0.2126 * (raw[p] as number) + 0.7152 * (raw[p + 1] as number) + 0.0722 * (raw[p + 2] as number)) / 255;
  const out = new Float32Array(raw.length / channels);
  for (let i = 0; i < out.length; i += 1) out[i] = at(i * channels);
  return out;
}

function hasTransparency(raw: Buffer, channels: number): boolean {
  for (let p = channels - 1; p < raw.length; p += channels) if ((raw[p] as number) < 255) return true;
  return false;
}

/** Whether any pixel is to be repainted: an empty mask is a mistake, not a no-op. */
export function checkMaskNotEmpty(mask: Float32Array, what = 'The mask'): void {
  if (!mask.some((v) => v >= REPAINT_FROM)) {
    throw new AtelierError('INVALID_INPUT', `${what} is empty: paint white where the picture should change (black keeps).`);
  }
}

/** 0/1 per pixel: diffusers binarises the mask the same way before the UNet sees it. */
function binaryMask(mask: Float32Array): Float32Array {
  return mask.map((v) => (v >= REPAINT_FROM ? 1 : 0));
}

/**
 * The mask at latent resolution: a latent cell repaints when any of its 8×8 pixels does, so the
 * area the UNet regenerates always covers what the pixel mask pastes back.
 */
export function latentMask(mask: Float32Array, width: number, height: number, from = REPAINT_FROM): Float32Array {
  const lw = width / 8;
  const out = new Float32Array(lw * (height / 8));
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if ((mask[y * width + x] as number) >= from) out[Math.floor(y / 8) * lw + Math.floor(x / 8)] = 1;
    }
  }
  return out;
}

/**
 * Feathers the binary mask inward by `radius` pixels: blurred, then only its inner half kept and
 * stretched to 0…1. Outside the mask it stays exactly 0, so those pixels come back untouched.
 */
export async function featherInward(mask: Float32Array, width: number, height: number, radius: number): Promise<Float32Array> {
  const binary = binaryMask(mask);
  if (radius < 1) return binary;
  const bytes = Buffer.from(binary.map((v) => v * 255));
  const blurred = await sharp(bytes, { raw: { width, height, channels: 1 } })
    .blur(Math.max(0.3, radius / 2))
    // sharp answers a blurred one-channel picture as sRGB; any one of its equal channels will do.
    .extractChannel(0)
    .raw()
    .toBuffer();
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i += 1) {
    if ((binary[i] as number) === 0) continue;
    out[i] = Math.min(1, Math.max(0, ((blurred[i] as number) / 255 - 0.5) * 2));
  }
  return out;
}

/** The picture as 8-bit RGB at its own size (alpha dropped, as the VAE sees it). */
export async function readRgb(bytes: Uint8Array): Promise<{ rgb: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height };
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `The picture to repaint cannot be read: ${(error as Error).message}.`);
  }
}

/** original·(1−a) + made·a per pixel; where a is 0 the original's bytes are copied as they are. */
export function pasteOver(original: Buffer, made: Buffer, alpha: Float32Array): Buffer {
  const out = Buffer.from(original);
  for (let p = 0; p < alpha.length; p += 1) {
    const a = alpha[p] as number;
    if (a === 0) continue;
    for (let c = 0; c < 3; c += 1) {
      const i = p * 3 + c;
      out[i] = Math.round((original[i] as number) * (1 - a) + (made[i] as number) * a);
    }
  }
  return out;
}
