import type { OutputInfo, PngOptions, Sharp } from 'sharp';
import sharp from '../../platform/lazy-sharp.js';
import type { FocusPoint } from '../../../preload/schemas/video.js';

/** Shapes closer than this to the frame's are scaled to cover it (a sliver cropped, no fill). */
const SAME_SHAPE = 0.03;
/** The smallest work frame, as a share of the frame's sides (320×180 for 720p). */
const MIN_CANVAS = 0.25;

/**
 * PNG settings of a frame that only ffmpeg reads, once: the lightest compression, which
 * costs a fraction of sharp's default (the frame is a few MB in a temp folder for a minute).
 */
export const WORK_PNG = { compressionLevel: 1, adaptiveFiltering: false } as const;

/** A raw image as sharp hands it over between two steps (no PNG encode and decode between them). */
async function raw(image: Sharp): Promise<{ data: Buffer; info: OutputInfo }> {
  return image.raw().toBuffer({ resolveWithObject: true });
}

function fromRaw({ data, info }: { data: Buffer; info: OutputInfo }): Sharp {
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

/**
 * A picture fitted to the frame's shape, as a PNG (`png` options: sharp's defaults, or
 * `WORK_PNG`), at most `width`×`height` and no larger than the picture needs: one smaller
 * than the frame is composed at its own scale, on a canvas of the frame's shape, and the
 * reader scales it up (ffmpeg does, once per segment, beside the scaling it does anyway).
 * sharp's upscale of the picture and of its fill to a 720p frame cost about two thirds of
 * the fit (about 70 of 110 ms a picture, on one core the encoders need); ffmpeg's costs a
 * few ms. A focus point crops around it; otherwise a picture of another shape sits whole
 * over a blurred, darkened fill of itself instead of black bars.
 */
export async function fittedPicture(file: string, width: number, height: number, focus?: FocusPoint, png: PngOptions = {}): Promise<Buffer> {
  const source = sharp(file).rotate();
  const meta = await source.metadata();
  const rotated = (meta.orientation ?? 1) >= 5;
  const w = (rotated ? meta.height : meta.width) ?? width;
  const h = (rotated ? meta.width : meta.height) ?? height;
  const ratio = w / h / (width / height);
  const cover = focus !== undefined || Math.abs(Math.log(ratio)) < SAME_SHAPE;
  // The canvas: the frame, or the frame's shape at the picture's own scale when that is
  // smaller, but not under a quarter of the frame (a tiny canvas's sides, rounded to whole
  // pixels, would stretch the picture when scaled up); `s` scales the picture onto it.
  const frameScale = cover ? Math.max(width / w, height / h) : Math.min(width / w, height / h);
  const canvas = Math.min(1, Math.max(MIN_CANVAS, 1 / frameScale));
  const cw = Math.round(width * canvas);
  const ch = Math.round(height * canvas);
  const s = frameScale * canvas;
  // At its own scale (up to rounding): no resize, which would resample it for nothing.
  const native = Math.abs(s - 1) < 1e-6;
  if (cover) {
    const sw = Math.max(cw, Math.round(w * s));
    const sh = Math.max(ch, Math.round(h * s));
    const point = focus ?? { x: 0.5, y: 0.5 };
    const left = Math.round(Math.min(sw - cw, Math.max(0, point.x * sw - cw / 2)));
    const top = Math.round(Math.min(sh - ch, Math.max(0, point.y * sh - ch / 2)));
    const sized = native ? sharp(file).rotate() : sharp(file).rotate().resize(sw, sh);
    return sized.extract({ left, top, width: cw, height: ch }).flatten({ background: '#000000' }).png(png).toBuffer();
  }
  // Blurred and darkened at an eighth of the frame, then scaled up: sharp keeps only the last
  // resize of a pipeline, so the small step is a pipeline of its own (in one, the blur and
  // the colour change ran on the whole frame, for most of this function's time).
  const small = await raw(
    sharp(file)
      .rotate()
      .resize(Math.max(8, Math.round(width / 8)), Math.max(8, Math.round(height / 8)), { fit: 'cover' })
      .flatten({ background: '#000000' })
      .blur(3)
      .modulate({ brightness: 0.55 }),
  );
  const fill = await raw(fromRaw(small).resize(cw, ch));
  const picture = await raw(native ? sharp(file).rotate() : sharp(file).rotate().resize(cw, ch, { fit: 'inside' }));
  const { width: w2, height: h2, channels } = picture.info;
  return fromRaw(fill)
    .composite([{ input: picture.data, raw: { width: w2, height: h2, channels }, gravity: 'center' }])
    .flatten({ background: '#000000' })
    .png(png)
    .toBuffer();
}
