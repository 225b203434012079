import type { OverlayOptions } from 'sharp';
import { contrastRatio, parseHex } from '../colour.js';
import { renderText, SANS, textLayer } from '../text-layer.js';
import { shortSide, svgDocument, titleFromPrompt, type TemplateRenderer } from '../template-context.js';

/** The palette as full-height swatches, each labelled with its hex code, and a title over the first. */
export const paletteSwatches: TemplateRenderer = async (c) => {
  const { width: w, height: h, palette: p, random } = c;
  const s = shortSide(c);
  const colours = [p.background[0], p.background[1], p.background[2], p.accent2, p.accent];
  const weights = colours.map((_, i) => (i === 0 ? random.range(1.8, 2.4) : random.range(0.8, 1.25)));
  const total = weights.reduce((a, b) => a + b, 0);
  let x = 0;
  const columns = colours.map((colour, i) => {
    const left = Math.round(x);
    x += (weights[i] as number) * (w / total);
    return { colour, left, width: Math.round(x) - left };
  });
  const svg = svgDocument(w, h, columns.map((col) => `<rect x="${col.left}" y="0" width="${col.width}" height="${h}" fill="${col.colour}"/>`).join(''));
  const margin = Math.round(s * 0.06);
  const layers: OverlayOptions[] = [];
  // The labels are independent, so libvips renders them side by side.
  const labels = await Promise.all(
    columns.map((col) => {
      const rgb = parseHex(col.colour);
      const label = contrastRatio(rgb, [255, 255, 255]) >= contrastRatio(rgb, [17, 17, 17]) ? '#ffffff' : '#111111';
      return renderText({
        text: col.colour.toUpperCase(),
        family: SANS,
        weight: 600,
        colour: label,
        width: col.width - margin * 0.9,
        height: s * 0.05,
        maxSizePx: s * 0.034,
        tracking: 40,
      });
    }),
  );
  columns.forEach((col, i) => {
    const hex = labels[i] as (typeof labels)[number];
    layers.push(textLayer(hex, col.left + Math.round(margin * 0.45), h - margin - hex.height));
  });
  const first = columns[0] as (typeof columns)[number];
  const name = p.name === 'seeded' ? 'Palette' : p.name.charAt(0).toUpperCase() + p.name.slice(1);
  const titleText = c.text || titleFromPrompt(c.prompt) || name;
  const title = await renderText({
    text: titleText,
    family: SANS,
    weight: 800,
    colour: p.light ? p.ink : '#ffffff',
    width: first.width - margin * 1.5,
    height: h * 0.45,
    maxSizePx: s * 0.1,
    tracking: -10,
  });
  layers.push(textLayer(title, margin, margin));
  return { background: { svg }, layers };
};
