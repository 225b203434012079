import type { OverlayOptions } from 'sharp';
import sharp from '../../../../platform/lazy-sharp.js';
import { parseHex, type Rgb } from '../colour.js';
import { GradientNoise, yieldToLoop } from '../noise-field.js';
import { renderText, SANS, textLayer } from '../text-layer.js';
import { shortSide, type TemplateRenderer } from '../template-context.js';

// The field is smooth, so it is computed at most this wide and scaled up by sharp.
const FIELD_EDGE = 1280;
const ROWS_PER_SLICE = 12;
const VALUE_STEP = 4;
const LINE_WIDTH = 0.045;

/** A domain-warped noise field in the palette's colours, with contour lines like a relief map. */
export const noiseArt: TemplateRenderer = async (c) => {
  const { width: w, height: h, palette: p, random } = c;
  const scale = Math.min(1, FIELD_EDGE / Math.max(w, h));
  const fw = Math.max(8, Math.round(w * scale));
  const fh = Math.max(8, Math.round(h * scale));
  const noise = new GradientNoise(c.seed);
  const ramp: Rgb[] = [p.background[0], p.background[1], p.background[2], p.accent2, p.accent].map(parseHex);
  const frequency = random.range(1.6, 2.6) / Math.max(fw, fh);
  const warp = random.range(1.2, 2.4);
  const bands = random.int(9, 15);
  const lineColour = parseHex(p.light ? p.background[0] : p.ink);
  const ox = random.range(0, 200);
  const oy = random.range(0, 200);
  // The warped value is smooth, so it is sampled every VALUE_STEP pixels and interpolated;
  // colours and contour lines are then painted per pixel, so the lines stay crisp.
  const gw = Math.ceil((fw - 1) / VALUE_STEP) + 2;
  const gh = Math.ceil((fh - 1) / VALUE_STEP) + 2;
  const values = new Float32Array(gw * gh);
  for (let gy = 0; gy < gh; gy += 1) {
    if (gy % ROWS_PER_SLICE === 0) {
      await yieldToLoop();
      c.signal.throwIfAborted();
    }
    for (let gx = 0; gx < gw; gx += 1) {
      const px = gx * VALUE_STEP * frequency + ox;
      const py = gy * VALUE_STEP * frequency + oy;
      const qx = noise.fbm(px, py, 3);
      const qy = noise.fbm(px + 5.2, py + 1.3, 3);
      values[gy * gw + gx] = Math.min(1, Math.max(0, 0.5 + 0.62 * noise.fbm(px + warp * qx, py + warp * qy, 4)));
    }
  }
  const raw = paintField(values, gw, fw, fh, ramp, lineColour, bands);
  const field =
    fw === w && fh === h
      ? raw
      : await sharp(raw, { raw: { width: fw, height: fh, channels: 3 } })
          .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
          .raw()
          .toBuffer();

  const layers: OverlayOptions[] = [];
  if (c.text) {
    const s = shortSide(c);
    const margin = Math.round(s * 0.08);
    const text = await renderText({
      text: c.text,
      family: SANS,
      weight: 800,
      colour: p.ink,
      width: w * 0.55,
      height: h * 0.3,
      maxSizePx: s * 0.1,
      tracking: -10,
    });
    const pad = Math.round(s * 0.035);
    const pw = text.width + pad * 2;
    const ph = text.height + pad * 2;
    const panel = `<svg xmlns="http://www.w3.org/2000/svg" width="${pw}" height="${ph}"><rect width="${pw}" height="${ph}" rx="${pad * 0.6}" fill="${p.background[0]}" fill-opacity="0.82"/></svg>`;
    const top = h - margin - ph;
    layers.push({ input: Buffer.from(panel), left: margin, top }, textLayer(text, margin + pad, top + pad));
  }
  return { background: { raw: field, channels: 3 }, layers };
};

/** Colours each pixel from the interpolated value: the palette ramp, with a contour line where the value crosses a level. */
function paintField(values: Float32Array, gw: number, fw: number, fh: number, ramp: readonly Rgb[], line: Rgb, bands: number): Buffer {
  const stops = ramp.length - 1;
  const flat = Float64Array.from(ramp.flat());
  const raw = Buffer.alloc(fw * fh * 3);
  for (let y = 0; y < fh; y += 1) {
    const gy = Math.floor(y / VALUE_STEP);
    const ty = (y - gy * VALUE_STEP) / VALUE_STEP;
    const row0 = gy * gw;
    const row1 = row0 + gw;
    for (let x = 0; x < fw; x += 1) {
      const gx = Math.floor(x / VALUE_STEP);
      const tx = (x - gx * VALUE_STEP) / VALUE_STEP;
      const top = (values[row0 + gx] as number) + ((values[row0 + gx + 1] as number) - (values[row0 + gx] as number)) * tx;
      const bottom = (values[row1 + gx] as number) + ((values[row1 + gx + 1] as number) - (values[row1 + gx] as number)) * tx;
      const v = top + (bottom - top) * ty;
      const at = v * stops;
      const i = Math.min(stops - 1, Math.floor(at));
      const t = at - i;
      let r = (flat[i * 3] as number) + ((flat[i * 3 + 3] as number) - (flat[i * 3] as number)) * t;
      let g = (flat[i * 3 + 1] as number) + ((flat[i * 3 + 4] as number) - (flat[i * 3 + 1] as number)) * t;
      let b = (flat[i * 3 + 2] as number) + ((flat[i * 3 + 5] as number) - (flat[i * 3 + 2] as number)) * t;
      const level = v * bands;
      const distance = Math.abs(level - Math.round(level));
      if (distance < LINE_WIDTH) {
        const k = 0.35 * (1 - distance / LINE_WIDTH);
        r += (line[0] - r) * k;
        g += (line[1] - g) * k;
        b += (line[2] - b) * k;
      }
      const o = (y * fw + x) * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  return raw;
}
