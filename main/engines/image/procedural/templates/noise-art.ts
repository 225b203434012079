import type { OverlayOptions } from 'sharp';
import sharp from 'sharp';
import { mix, parseHex, type Rgb } from '../colour.js';
import { GradientNoise, yieldToLoop } from '../noise-field.js';
import { renderText, SANS } from '../text-layer.js';
import { shortSide, type TemplateRenderer } from '../template-context.js';

// The field is smooth, so it is computed at most this wide and scaled up by sharp.
const FIELD_EDGE = 1280;
const ROWS_PER_SLICE = 24;

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
  const raw = Buffer.alloc(fw * fh * 3);
  for (let y = 0; y < fh; y += 1) {
    if (y % ROWS_PER_SLICE === 0) {
      await yieldToLoop();
      c.signal.throwIfAborted();
    }
    for (let x = 0; x < fw; x += 1) {
      const px = x * frequency + ox;
      const py = y * frequency + oy;
      const qx = noise.fbm(px, py, 3);
      const qy = noise.fbm(px + 5.2, py + 1.3, 3);
      const v = Math.min(1, Math.max(0, 0.5 + 0.62 * noise.fbm(px + warp * qx, py + warp * qy, 4)));
      const at = v * (ramp.length - 1);
      const i = Math.min(ramp.length - 2, Math.floor(at));
      let colour = mix(ramp[i] as Rgb, ramp[i + 1] as Rgb, at - i);
      // Contour lines: a thin band where the value crosses each level.
      const level = v * bands;
      const distance = Math.abs(level - Math.round(level));
      if (distance < 0.045) colour = mix(colour, lineColour, 0.35 * (1 - distance / 0.045));
      const o = (y * fw + x) * 3;
      raw[o] = colour[0];
      raw[o + 1] = colour[1];
      raw[o + 2] = colour[2];
    }
  }
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
    layers.push({ input: Buffer.from(panel), left: margin, top }, { input: text.png, left: margin + pad, top: top + pad });
  }
  return { background: { raw: field, channels: 3 }, layers };
};
