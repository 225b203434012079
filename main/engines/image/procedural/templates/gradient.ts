import type { OverlayOptions } from 'sharp';
import sharp from '../../../../platform/lazy-sharp.js';
import { renderShadow, renderText, SANS, textLayer, type TextBlock } from '../text-layer.js';
import { shortSide, svgDocument, type TemplateRenderer } from '../template-context.js';

// The mesh is drawn small and blurred, then scaled up: smooth at any size, and cheap at 4096².
const MESH_EDGE = 96;
const BLUR_PX = MESH_EDGE * 0.12;

/** A soft mesh gradient: big blurred blobs of the palette's colours. */
export const gradient: TemplateRenderer = async (c) => {
  const { width: w, height: h, palette: p, random } = c;
  const scale = MESH_EDGE / Math.max(w, h);
  const mw = Math.max(8, Math.round(w * scale));
  const mh = Math.max(8, Math.round(h * scale));
  const colours = [p.background[0], p.background[2], p.accent2, p.accent, p.background[1], p.background[2]];
  const blobs = colours
    .map((colour, i) => {
      const x = random.range(-0.1, 1.1) * mw;
      const y = random.range(-0.1, 1.1) * mh;
      const r = random.range(0.35, 0.6) * Math.max(mw, mh);
      const opacity = i >= 2 && i <= 3 ? random.range(0.45, 0.7) : random.range(0.7, 0.95);
      return `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r * random.range(0.6, 1)}" fill="${colour}" fill-opacity="${opacity}"/>`;
    })
    .join('');
  const small = svgDocument(mw, mh, `<rect width="${mw}" height="${mh}" fill="${p.background[1]}"/>${blobs}`);
  // The blobs are softened by a blur of BLUR_PX picture pixels; done on the small mesh
  // (the same blur in its pixels) and scaled up where the picture is composited and
  // encoded, it costs nothing like a blur over every pixel of the picture.
  const sigma = (BLUR_PX * mw) / w;
  const drawn = sharp(Buffer.from(small)).removeAlpha();
  const mesh = await (sigma >= 0.3 ? drawn.blur(sigma) : drawn).raw().toBuffer();

  const layers: OverlayOptions[] = [];
  if (c.text) {
    const s = shortSide(c);
    const block: TextBlock = {
      text: c.text,
      family: SANS,
      weight: 700,
      colour: p.ink,
      width: w * 0.76,
      height: h * 0.5,
      maxSizePx: s * 0.14,
      align: 'centre',
      tracking: -10,
    };
    const text = await renderText(block);
    if (!p.light) {
      const { shadow, pad } = await renderShadow(block, text, s * 0.012);
      layers.push(textLayer(shadow, Math.round((w - text.width) / 2) - pad, Math.round((h - text.height) / 2) - pad + Math.round(s * 0.004)));
    }
    layers.push(textLayer(text, Math.round((w - text.width) / 2), Math.round((h - text.height) / 2)));
  }
  return { background: { raw: mesh, channels: 3, small: { width: mw, height: mh } }, layers, grain: true };
};
