import type { OverlayOptions } from 'sharp';
import { renderText, SANS, SERIF, textLayer } from '../text-layer.js';
import { shortSide, svgDocument, titleFromPrompt, type TemplateRenderer } from '../template-context.js';

/** "Words — Name" or "Words\nName": the quote and who said it. */
export function splitAttribution(text: string): { quote: string; by: string } {
  const dash = /\s+[—–-]{1,2}\s*([^—–\n]+)$/.exec(text);
  if (dash) return { quote: text.slice(0, dash.index).trim(), by: (dash[1] as string).trim() };
  const lines = text.split('\n');
  if (lines.length > 1) return { quote: lines.slice(0, -1).join(' ').trim(), by: (lines.at(-1) as string).trim() };
  return { quote: text.trim(), by: '' };
}

/** A quotation centred in a serif, a large accent quote mark above, the attribution below. */
export const quoteCard: TemplateRenderer = async (c) => {
  const { width: w, height: h, palette: p, random } = c;
  const s = shortSide(c);
  const cx = w * random.range(0.4, 0.6);
  const cy = h * random.range(0.35, 0.6);
  const frameInset = Math.round(s * 0.045);
  const svg = svgDocument(
    w,
    h,
    `<defs>
      <radialGradient id="bg" cx="${cx / w}" cy="${cy / h}" r="0.85"><stop offset="0" stop-color="${p.background[1]}"/><stop offset="1" stop-color="${p.background[0]}"/></radialGradient>
      <radialGradient id="glow"><stop offset="0" stop-color="${p.background[2]}" stop-opacity="0.5"/><stop offset="1" stop-color="${p.background[2]}" stop-opacity="0"/></radialGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#bg)"/>
    <circle cx="${cx}" cy="${cy}" r="${s * 0.55}" fill="url(#glow)"/>
    <rect x="${frameInset}" y="${frameInset}" width="${w - frameInset * 2}" height="${h - frameInset * 2}" fill="none" stroke="${p.accent}" stroke-opacity="0.35" stroke-width="${Math.max(1, s * 0.002)}"/>`,
  );

  const { quote, by } = splitAttribution(c.text || titleFromPrompt(c.prompt) || 'Make something today.');
  const boxWidth = w > h ? Math.min(w * 0.7, h * 1.5) : w * 0.78;
  const mark = await renderText({
    text: '“',
    family: SERIF,
    weight: 700,
    colour: p.accent,
    width: s * 0.3,
    height: s * 0.4,
    maxSizePx: s * 0.24,
    align: 'centre',
  });
  const body = await renderText({
    text: quote,
    family: SERIF,
    italic: true,
    colour: p.ink,
    width: boxWidth,
    height: h * 0.46,
    maxSizePx: s * 0.1,
    align: 'centre',
  });
  const credit = by
    ? await renderText({
        text: `— ${by.toUpperCase()}`,
        family: SANS,
        weight: 600,
        colour: p.muted,
        width: boxWidth,
        height: s * 0.06,
        maxSizePx: s * 0.032,
        align: 'centre',
        tracking: 120,
      })
    : null;
  const gap = Math.round(s * 0.035);
  const markVisible = mark.height + gap;
  const total = markVisible + body.height + (credit ? gap * 1.4 + credit.height : 0);
  let top = Math.round((h - total) / 2);
  const layers: OverlayOptions[] = [textLayer(mark, Math.round((w - mark.width) / 2), top)];
  top += markVisible;
  layers.push(textLayer(body, Math.round((w - body.width) / 2), top));
  top += body.height + Math.round(gap * 1.4);
  if (credit) layers.push(textLayer(credit, Math.round((w - credit.width) / 2), top));
  return { background: { svg }, layers, grain: true };
};
