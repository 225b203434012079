import type { OverlayOptions } from 'sharp';
import { parseHex } from '../colour.js';
import { blendRgba, fillRoundedRect } from '../raw-region.js';
import { renderText, SANS, textLayer } from '../text-layer.js';
import { shortSide, svgDocument, type TemplateDrawing, type TemplateRenderer } from '../template-context.js';
import { rasteriseTriangles, type TriangleCell } from './pattern-triangles.js';

/** Geometric tiles from the palette: Truchet arcs, split triangles or halftone dots, chosen by seed. */
export const pattern: TemplateRenderer = async (c) => {
  const { width: w, height: h, palette: p, random } = c;
  const s = shortSide(c);
  const kind = random.pick(['arcs', 'triangles', 'dots'] as const);
  const cell = s / random.int(5, 9);
  const cols = Math.ceil(w / cell) + 1;
  const rows = Math.ceil(h / cell) + 1;
  const fills = [p.background[0], p.background[1], p.background[2], p.accent2];
  const parts: string[] = [];
  const triangles: TriangleCell[] = [];
  for (let y = 0; kind !== 'dots' && y < rows; y += 1) {
    for (let x = 0; x < cols; x += 1) {
      const x0 = x * cell;
      const y0 = y * cell;
      if (kind === 'arcs') {
        const half = cell / 2;
        const flip = random.chance(0.5);
        const d = flip
          ? `M${x0 + half} ${y0} A${half} ${half} 0 0 1 ${x0} ${y0 + half} M${x0 + cell} ${y0 + half} A${half} ${half} 0 0 0 ${x0 + half} ${y0 + cell}`
          : `M${x0 + half} ${y0} A${half} ${half} 0 0 0 ${x0 + cell} ${y0 + half} M${x0} ${y0 + half} A${half} ${half} 0 0 1 ${x0 + half} ${y0 + cell}`;
        parts.push(`<path d="${d}"/>`);
      } else if (kind === 'triangles') {
        const first = random.pick(fills);
        const second = random.pick(fills);
        const antiDiagonal = random.chance(0.5);
        triangles.push({ first, second, antiDiagonal, dot: random.chance(0.12) });
      }
    }
  }
  if (kind === 'dots') {
    const fx = random.range(0.15, 0.85) * w;
    const fy = random.range(0.15, 0.85) * h;
    const reach = Math.hypot(w, h);
    const step = cell / 2.2;
    for (let y = step / 2; y < h + step; y += step) {
      for (let x = step / 2; x < w + step; x += step) {
        const t = 1 - Math.min(1, Math.hypot(x - fx, y - fy) / (reach * 0.6));
        parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(step * 0.46 * t ** 1.4 + step * 0.04).toFixed(2)}"/>`);
      }
    }
  }
  const groupStyle =
    kind === 'arcs'
      ? `fill="none" stroke="${p.accent}" stroke-width="${cell * 0.16}" stroke-linecap="round" stroke-opacity="0.9"`
      : kind === 'dots'
        ? `fill="${p.accent}" fill-opacity="0.85"`
        : '';
  // The tiles cover the picture, so they need no gradient under them.
  const background: TemplateDrawing['background'] =
    kind === 'triangles'
      ? { raw: rasteriseTriangles({ width: w, height: h, cell, cols, cells: triangles, dotColour: p.accent }), channels: 3 }
      : {
          svg: svgDocument(
            w,
            h,
            `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.background[0]}"/><stop offset="1" stop-color="${p.background[2]}"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#bg)"/><g ${groupStyle}>${parts.join('')}</g>`,
          ),
        };

  const layers: OverlayOptions[] = [];
  if (c.text) {
    const pad = Math.round(s * 0.06);
    const text = await renderText({
      text: c.text,
      family: SANS,
      weight: 800,
      colour: p.ink,
      width: w * 0.6,
      height: h * 0.36,
      maxSizePx: s * 0.12,
      align: 'centre',
      tracking: -10,
    });
    const pw = text.width + pad * 2;
    const ph = text.height + pad * 2;
    const left = Math.round((w - pw) / 2);
    const top = Math.round((h - ph) / 2);
    // Over raw tiles the panel and type go straight into the pixels (see raw-region.ts); over SVG, into the one composite.
    if ('raw' in background) {
      const picture = { pixels: background.raw, width: w, height: h };
      fillRoundedRect(picture, { left, top, width: pw, height: ph, radius: s * 0.03 }, parseHex(p.background[0]), 0.9);
      blendRgba(picture, { pixels: text.pixels, width: text.width, height: text.height }, left + pad, top + pad);
    } else {
      const panel = svgDocument(pw, ph, `<rect width="${pw}" height="${ph}" rx="${s * 0.03}" fill="${p.background[0]}" fill-opacity="0.9"/>`);
      layers.push({ input: Buffer.from(panel), left, top }, textLayer(text, left + pad, top + pad));
    }
  }
  return { background, layers, grain: kind !== 'triangles' };
};
