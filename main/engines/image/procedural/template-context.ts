import type { OverlayOptions } from 'sharp';
import type { SeededRandom } from '../../sound/seeded-random.js';
import type { Palette } from './palettes.js';

export interface TemplateContext {
  width: number;
  height: number;
  palette: Palette;
  /** The template's own stream: every choice it makes comes from here. */
  random: SeededRandom;
  seed: number;
  /** The text to set, already trimmed; empty when there is none. */
  text: string;
  prompt: string;
  signal: AbortSignal;
}

/**
 * A background: SVG or raw pixels at the picture's size, or, for a smooth field (mesh,
 * gradients), drawn `small` and scaled up to the picture in the same pipeline that
 * composites and encodes it.
 */
type Background = ({ svg: string } | { raw: Buffer; channels: 3 | 4 }) & { small?: { width: number; height: number } };

/** What a template draws: a background and layers placed on it in order. */
export interface TemplateDrawing {
  background: Background;
  layers: OverlayOptions[];
  /** Film grain over the background, against gradient banding. */
  grain?: boolean;
}

export type TemplateRenderer = (context: TemplateContext) => Promise<TemplateDrawing>;

/** The short side: templates size margins and type by it so any aspect ratio stays balanced. */
export const shortSide = (c: { width: number; height: number }) => Math.min(c.width, c.height);

export const svgDocument = (width: number, height: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;

/** Splits "Title\nSubtitle" into its first line and the rest. */
export function headAndRest(text: string): { head: string; rest: string } {
  const [head = '', ...rest] = text.split('\n');
  return { head: head.trim(), rest: rest.join(' ').trim() };
}

/** A prompt as a fallback title: its first clause, with a capital letter. */
export function titleFromPrompt(prompt: string): string {
  const clause = prompt.split(/[,.;\n]/)[0]?.trim() ?? '';
  return clause ? clause.charAt(0).toUpperCase() + clause.slice(1) : '';
}
