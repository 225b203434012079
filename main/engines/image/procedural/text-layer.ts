import type { OverlayOptions, Sharp } from 'sharp';
import sharp from '../../../platform/lazy-sharp.js';

export interface TextBlock {
  /** Plain text; newlines break lines, long lines wrap at word boundaries. */
  text: string;
  /** A Pango family list: the first one fontconfig finds is used. */
  family: string;
  weight?: number;
  italic?: boolean;
  colour: string;
  /** The box the text must fit in; it shrinks to fit and never clips. */
  width: number;
  height: number;
  /** The largest type size, in pixels, for short text that would otherwise fill the box. */
  maxSizePx: number;
  align?: 'left' | 'centre' | 'right';
  /** 0–100: how opaque the type is (for shadows). */
  opacity?: number;
  /** Extra space between letters, in thousandths of an em (negative tightens display type). */
  tracking?: number;
}

/**
 * Type as raw RGBA pixels: a layer goes into the picture's one composite as it is, with no
 * PNG encoded here and decoded there.
 */
interface RenderedText {
  pixels: Buffer;
  width: number;
  height: number;
}

/** Rendered pixels placed at (left, top), as a layer of sharp's composite. */
export function textLayer(text: RenderedText, left: number, top: number): OverlayOptions {
  return { input: text.pixels, raw: { width: text.width, height: text.height, channels: 4 }, left, top };
}

const rgba = async (image: Sharp): Promise<{ pixels: Buffer; width: number; height: number; dpi: number }> => {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height, dpi: info.textAutofitDpi ?? 0 };
};

/** Inter is the studio's own face; DejaVu ships with nearly every Linux and is the fallback. */
export const SANS = 'Inter Display, Inter, DejaVu Sans';
export const SERIF = 'P052, DejaVu Serif';

// Pango sizes are in points at `dpi`: 12 pt at 72 dpi is 12 px, so px = 12 * dpi / 72.
const BASE_POINTS = 12;

const escapeMarkup = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Renders a block of type with Pango (through sharp), wrapped to the box width and
 * shrunk until it fits the box height, but never larger than `maxSizePx`.
 */
export async function renderText(block: TextBlock): Promise<RenderedText> {
  const width = Math.max(1, Math.round(block.width));
  const height = Math.max(1, Math.round(block.height));
  const span = [
    `foreground="${block.colour}"`,
    `font_weight="${block.weight ?? 400}"`,
    block.italic ? 'font_style="italic"' : '',
    block.opacity !== undefined ? `alpha="${Math.max(1, Math.round(block.opacity))}%"` : '',
    block.tracking ? `letter_spacing="${Math.round((block.tracking / 1000) * 1024 * BASE_POINTS)}"` : '',
  ].join(' ');
  const markup = `<span ${span}>${escapeMarkup(block.text.trim())}</span>`;
  const font = `${block.family} ${BASE_POINTS}`;
  const common = { text: markup, font, width, rgba: true, wrap: 'word' as const, align: block.align ?? 'left' };
  const fitted = await rgba(sharp({ text: { ...common, height } }));
  const capDpi = Math.max(1, Math.floor((block.maxSizePx * 72) / BASE_POINTS));
  if (fitted.dpi <= capDpi) return { pixels: fitted.pixels, width: fitted.width, height: fitted.height };
  const capped = await rgba(sharp({ text: { ...common, dpi: capDpi } }));
  return { pixels: capped.pixels, width: capped.width, height: capped.height };
}

/**
 * A soft dark shadow for type over busy backgrounds: the same block in black,
 * blurred. Rendered from the same settings so it lines up with the type.
 */
export async function renderShadow(block: TextBlock, rendered: RenderedText, blurPx: number): Promise<{ shadow: RenderedText; pad: number }> {
  const dark = await renderText({ ...block, colour: '#000000', opacity: 55 });
  const pad = Math.ceil(blurPx * 3);
  const shadow = await rgba(
    sharp(dark.pixels, { raw: { width: dark.width, height: dark.height, channels: 4 } })
      .resize(rendered.width, rendered.height, { fit: 'fill' })
      .extend({ top: pad, bottom: pad, left: pad, right: pad, background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .blur(Math.max(0.3, blurPx)),
  );
  return { shadow: { pixels: shadow.pixels, width: shadow.width, height: shadow.height }, pad };
}
