import type { Sharp } from 'sharp';
import sharp from '../../../platform/lazy-sharp.js';
import { AtelierError } from '../../../../preload/errors.js';
import { IMAGE_LIMITS, type ImageEditOp, type ImageFormat } from '../../../../preload/schemas/image.js';
import { carriedMetadata, pngWithCarried, withCarriedExif } from '../export-metadata.js';
import { upscaleInHost } from '../diffusion-engine-link.js';
import { renderShadow, renderText, SANS, textLayer, type TextBlock } from '../procedural/text-layer.js';

interface EditedImage {
  bytes: Uint8Array;
  width: number;
  height: number;
  format: ImageFormat;
  mime: string;
  ext: string;
}

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

const FORMAT_FILES: Readonly<Record<ImageFormat, { mime: string; ext: string }>> = {
  png: { mime: 'image/png', ext: 'png' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  webp: { mime: 'image/webp', ext: 'webp' },
  avif: { mime: 'image/avif', ext: 'avif' },
};

/**
 * Applies edit operations in the order given (sharp reorders the steps of one
 * pipeline, so each op runs on the raw pixels of the last), then encodes once.
 */
export async function editImage(
  input: Uint8Array,
  ops: readonly ImageEditOp[],
  format: ImageFormat,
  quality: number,
  signal?: AbortSignal,
  /** Upscaler model id → its .onnx file, resolved by the caller (the models folder is not the engine's to read). */
  upscalers: ReadonlyMap<string, string> = new Map(),
): Promise<EditedImage> {
  let pixels: Pixels;
  try {
    pixels = await toPixels(sharp(input, { limitInputPixels: 16384 * 16384 }).rotate());
  } catch (error) {
    throw new AtelierError('UNSUPPORTED', `This picture cannot be read: ${(error as Error).message}.`);
  }
  for (const op of ops) {
    signal?.throwIfAborted();
    pixels = op.op === 'upscale' && op.model !== undefined ? await modelUpscale(pixels, op.factor, op.model, upscalers, signal) : await applyOp(pixels, op);
  }
  signal?.throwIfAborted();
  // How the source was made travels with the edit: PNG text chunks, JPEG/WebP EXIF and XMP.
  const carried = await carriedMetadata(input);
  const image = withCarriedExif(fromPixels(pixels), format, carried);
  const encoded =
    format === 'png'
      ? image.png({ compressionLevel: 6 })
      : format === 'jpeg'
        ? image.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true })
        : format === 'webp'
          ? image.webp({ quality })
          : image.avif({ quality: Math.round(quality * 0.6), effort: 2 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { bytes: format === 'png' ? pngWithCarried(raw, carried) : raw, width: info.width, height: info.height, format, ...FORMAT_FILES[format] };
}

/** An upscale op with a model: the pixels go to the diffusion host as PNG and come back tiled and blended. */
async function modelUpscale(p: Pixels, factor: number, model: string, upscalers: ReadonlyMap<string, string>, signal?: AbortSignal): Promise<Pixels> {
  const modelFile = upscalers.get(model);
  if (!modelFile) throw new AtelierError('MODEL_NOT_FOUND', `No installed upscaler "${model}".`);
  if (factor !== 2 && factor !== 3 && factor !== 4) throw new AtelierError('INVALID_INPUT', `An upscaler model scales by 2, 3 or 4, not ${factor}.`);
  checkSize(p.width * factor, p.height * factor, `Upscaling ×${factor}`);
  const png = await fromPixels(p).png({ compressionLevel: 1 }).toBuffer();
  const made = await upscaleInHost({ modelFile, image: png, scale: factor }, signal ?? new AbortController().signal, () => undefined);
  return toPixels(sharp(made.png));
}

const fromPixels = (p: Pixels) => sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } });

async function toPixels(image: Sharp): Promise<Pixels> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function checkSize(width: number, height: number, what: string): void {
  if (width > IMAGE_LIMITS.size.max || height > IMAGE_LIMITS.size.max) {
    throw new AtelierError('TOO_LARGE', `${what} would make a ${width}×${height} picture; the largest side is ${IMAGE_LIMITS.size.max} pixels.`);
  }
  if (width < 1 || height < 1) throw new AtelierError('INVALID_INPUT', `${what} would leave no picture.`);
}

async function applyOp(p: Pixels, op: ImageEditOp): Promise<Pixels> {
  switch (op.op) {
    case 'resize':
      return toPixels(fromPixels(p).resize(op.width, op.height, { fit: op.fit, kernel: 'lanczos3', background: { r: 0, g: 0, b: 0, alpha: 0 } }));
    case 'crop':
      if (op.left + op.width > p.width || op.top + op.height > p.height) {
        throw new AtelierError(
          'INVALID_INPUT',
          `The crop ${op.width}×${op.height} at ${op.left},${op.top} reaches outside the ${p.width}×${p.height} picture.`,
        );
      }
      return toPixels(fromPixels(p).extract({ left: op.left, top: op.top, width: op.width, height: op.height }));
    case 'rotate':
      return toPixels(
        fromPixels(p)
          .ensureAlpha()
          .rotate(op.degrees, { background: { r: 0, g: 0, b: 0, alpha: 0 } }),
      );
    case 'upscale': {
      const width = Math.round(p.width * op.factor);
      const height = Math.round(p.height * op.factor);
      checkSize(width, height, `Upscaling ×${op.factor}`);
      return toPixels(fromPixels(p).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }));
    }
    case 'adjust': {
      // Contrast pivots on mid-grey: out = c·in + 128·(1 − c).
      let image = fromPixels(p).modulate({ brightness: Math.max(0.01, op.brightness), saturation: op.saturation });
      if (op.contrast !== 1) image = image.linear(op.contrast, 128 * (1 - op.contrast));
      return toPixels(image);
    }
    case 'text':
      return overlayText(p, op.text, op.position);
  }
}

async function overlayText(p: Pixels, text: string, position: 'top' | 'center' | 'bottom'): Promise<Pixels> {
  const s = Math.min(p.width, p.height);
  const margin = Math.round(s * 0.06);
  const block: TextBlock = {
    text,
    family: SANS,
    weight: 800,
    colour: '#ffffff',
    width: p.width - margin * 2,
    height: position === 'center' ? p.height * 0.5 : p.height * 0.3,
    maxSizePx: s * 0.12,
    align: 'centre',
    tracking: -10,
  };
  const rendered = await renderText(block);
  const { shadow, pad } = await renderShadow(block, rendered, s * 0.012);
  const left = Math.round((p.width - rendered.width) / 2);
  const top = position === 'top' ? margin : position === 'bottom' ? p.height - margin - rendered.height : Math.round((p.height - rendered.height) / 2);
  // The shadow is cropped to the picture: sharp refuses layers that hang off an edge.
  const cropped = await sharp(shadow.pixels, { raw: { width: shadow.width, height: shadow.height, channels: 4 } })
    .extract(clampBox(left - pad, top - pad, rendered.width + pad * 2, rendered.height + pad * 2, p.width, p.height))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return toPixels(
    fromPixels(p)
      .ensureAlpha()
      .composite([
        textLayer({ pixels: cropped.data, width: cropped.info.width, height: cropped.info.height }, Math.max(0, left - pad), Math.max(0, top - pad)),
        textLayer(rendered, left, top),
      ]),
  );
}

/** The part of a box at (x, y) that lies inside a width×height picture, in the box's own coordinates. */
function clampBox(x: number, y: number, w: number, h: number, width: number, height: number) {
  const left = Math.max(0, -x);
  const top = Math.max(0, -y);
  return { left, top, width: Math.min(w - left, width - Math.max(0, x)), height: Math.min(h - top, height - Math.max(0, y)) };
}
