import type { OverlayOptions } from 'sharp';
import { renderText, SANS, textLayer } from '../text-layer.js';
import { headAndRest, shortSide, svgDocument, titleFromPrompt, type TemplateRenderer } from '../template-context.js';

/** A video thumbnail or chapter card: bold type on the left, a glow and a figure on the right. */
export const titleCard: TemplateRenderer = async (c) => {
  const { width: w, height: h, palette: p, random } = c;
  const s = shortSide(c);
  const margin = Math.round(s * 0.1);
  const angle = random.range(15, 60);
  const glowX = w * random.range(0.68, 0.86);
  const glowY = h * random.range(0.2, 0.45);
  const figure = random.pick(['rings', 'orb', 'dots'] as const);
  // Landscape puts the figure right of the type; portrait puts it below, so they never overlap.
  const portrait = h > w * 1.15;
  const r = s * random.range(0.32, 0.42);
  const fx = portrait ? w * random.range(0.55, 0.75) : w - margin - r * 0.6;
  const fy = portrait ? h * random.range(0.78, 0.84) : h * random.range(0.45, 0.6);
  let shapes = '';
  if (figure === 'rings') {
    for (let i = 0; i < 5; i += 1) {
      shapes += `<circle cx="${fx}" cy="${fy}" r="${r * (1 - i * 0.17)}" fill="none" stroke="${p.accent}" stroke-opacity="${0.5 - i * 0.08}" stroke-width="${Math.max(1, s * 0.004)}"/>`;
    }
  } else if (figure === 'orb') {
    shapes += `<circle cx="${fx}" cy="${fy}" r="${r}" fill="url(#orb)"/>`;
  } else {
    const step = s * 0.045;
    for (let y = 0; y < 7; y += 1) {
      for (let x = 0; x < 7; x += 1) {
        shapes += `<circle cx="${fx - r + x * step * 1.6}" cy="${fy - r * 0.8 + y * step * 1.6}" r="${step * 0.16}" fill="${p.accent}" fill-opacity="${0.25 + 0.5 * ((x + y) / 12)}"/>`;
      }
    }
  }
  const svg = svgDocument(
    w,
    h,
    `<defs>
      <linearGradient id="bg" gradientTransform="rotate(${-angle} 0.5 0.5)">
        <stop offset="0" stop-color="${p.background[0]}"/><stop offset="0.55" stop-color="${p.background[1]}"/><stop offset="1" stop-color="${p.background[2]}"/>
      </linearGradient>
      <radialGradient id="glow"><stop offset="0" stop-color="${p.accent2}" stop-opacity="0.45"/><stop offset="1" stop-color="${p.accent2}" stop-opacity="0"/></radialGradient>
      <radialGradient id="orb" cx="0.35" cy="0.3"><stop offset="0" stop-color="${p.accent}"/><stop offset="1" stop-color="${p.accent2}" stop-opacity="0.35"/></radialGradient>
      <linearGradient id="shade" x1="0" x2="1"><stop offset="0" stop-color="${p.background[0]}" stop-opacity="0.55"/><stop offset="0.6" stop-color="${p.background[0]}" stop-opacity="0"/></linearGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#bg)"/>
    <circle cx="${glowX}" cy="${glowY}" r="${s * 0.75}" fill="url(#glow)"/>
    ${shapes}
    <rect width="${w}" height="${h}" fill="url(#shade)"/>`,
  );

  const { head, rest } = headAndRest(c.text || titleFromPrompt(c.prompt) || 'Untitled');
  const textWidth = w > h ? w * 0.6 : w - margin * 2;
  const title = await renderText({
    text: head,
    family: SANS,
    weight: 800,
    colour: p.ink,
    width: textWidth,
    height: h * (portrait ? 0.4 : rest ? 0.42 : 0.52),
    maxSizePx: s * 0.16,
    tracking: -15,
  });
  const subtitle = rest
    ? await renderText({ text: rest, family: SANS, weight: 500, colour: p.muted, width: textWidth, height: h * 0.14, maxSizePx: s * 0.05 })
    : null;
  const bar = { w: Math.round(s * 0.09), h: Math.max(3, Math.round(s * 0.012)) };
  const gap = Math.round(s * 0.045);
  const blockHeight = bar.h + gap + title.height + (subtitle ? gap * 0.6 + subtitle.height : 0);
  let top = portrait ? Math.round(h * 0.12) : Math.round((h - blockHeight) / 2);
  const barSvg = svgDocument(bar.w, bar.h, `<rect width="${bar.w}" height="${bar.h}" rx="${bar.h / 2}" fill="${p.accent}"/>`);
  const layers: OverlayOptions[] = [{ input: Buffer.from(barSvg), left: margin, top }];
  top += bar.h + gap;
  layers.push(textLayer(title, margin, top));
  top += title.height + Math.round(gap * 0.6);
  if (subtitle) layers.push(textLayer(subtitle, margin, top));
  return { background: { svg }, layers, grain: true };
};
