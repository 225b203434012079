import sharp from '../../../platform/lazy-sharp.js';
import { IMAGE_LIMITS, IMAGE_TEMPLATES, TEMPLATE_LABELS, type ImageTemplate, type ImageTemplateId } from '../../../../preload/schemas/image.js';
import { AtelierError } from '../../../../preload/errors.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import { randomFor } from '../../sound/seeded-random.js';
import type { Engine } from '../../engine.js';
import { grainTile } from './noise-field.js';
import { paletteFor } from './palettes.js';
import type { TemplateDrawing, TemplateRenderer } from './template-context.js';
import { gradient } from './templates/gradient.js';
import { noiseArt } from './templates/noise-art.js';
import { paletteSwatches } from './templates/palette-swatches.js';
import { pattern } from './templates/pattern.js';
import { quoteCard } from './templates/quote-card.js';
import { titleCard } from './templates/title-card.js';

export interface ProceduralRequest {
  template: ImageTemplateId;
  prompt: string;
  text?: string;
  width: number;
  height: number;
  seed: number;
}

interface ProceduralImage {
  /** PNG bytes, without metadata chunks (the caller adds those). */
  png: Uint8Array;
  width: number;
  height: number;
  seed: number;
  /** The mood the prompt chose ("midnight"), or "seeded". */
  palette: string;
}

const TEMPLATE_RENDERERS: Readonly<Record<ImageTemplateId, TemplateRenderer>> = {
  'title-card': titleCard,
  'quote-card': quoteCard,
  gradient,
  pattern,
  noise: noiseArt,
  palette: paletteSwatches,
};

export const PROCEDURAL_TEMPLATES: readonly ImageTemplate[] = [
  {
    id: 'title-card',
    name: TEMPLATE_LABELS['title-card'],
    description: 'Bold title on a gradient with a glow and a figure: thumbnails and chapter cards.',
    defaultWidth: 1280,
    defaultHeight: 720,
    textLabel: 'Title (a second line becomes the subtitle)',
  },
  {
    id: 'quote-card',
    name: TEMPLATE_LABELS['quote-card'],
    description: 'A quotation set in a serif, centred, with its attribution.',
    defaultWidth: 1080,
    defaultHeight: 1080,
    textLabel: 'Quote (end with “— Name” to credit it)',
  },
  {
    id: 'gradient',
    name: TEMPLATE_LABELS['gradient'],
    description: 'A soft mesh of the palette’s colours, with optional centred text.',
    defaultWidth: 1920,
    defaultHeight: 1080,
    textLabel: 'Text (optional)',
  },
  {
    id: 'pattern',
    name: TEMPLATE_LABELS['pattern'],
    description: 'Geometric tiles (arcs, triangles or halftone dots) from the palette.',
    defaultWidth: 1920,
    defaultHeight: 1080,
    textLabel: 'Text on a panel (optional)',
  },
  {
    id: 'noise',
    name: TEMPLATE_LABELS['noise'],
    description: 'A flowing contour field from seeded noise, like a map of an imaginary land.',
    defaultWidth: 1920,
    defaultHeight: 1080,
    textLabel: 'Caption (optional)',
  },
  {
    id: 'palette',
    name: TEMPLATE_LABELS['palette'],
    description: 'The prompt’s colours as swatches with their hex codes.',
    defaultWidth: 1280,
    defaultHeight: 720,
    textLabel: 'Title (optional)',
  },
];

/**
 * Draws pictures with sharp and no model: each template lays SVG shapes, noise
 * fields and Pango type over a palette picked from the prompt's mood words. The
 * same request gives the same bytes: every choice comes from the seed.
 */
export const proceduralEngine: Engine<ProceduralRequest, ProceduralImage> = {
  id: 'procedural',
  modality: 'image',
  name: 'Procedural images',
  parameters: [
    { name: 'template', label: 'Template', type: 'enum', options: IMAGE_TEMPLATES, default: 'title-card' },
    { name: 'width', label: 'Width', type: 'integer', min: IMAGE_LIMITS.size.min, max: IMAGE_LIMITS.size.max, default: 1280 },
    { name: 'height', label: 'Height', type: 'integer', min: IMAGE_LIMITS.size.min, max: IMAGE_LIMITS.size.max, default: 720 },
    { name: 'seed', label: 'Seed', type: 'integer', min: IMAGE_LIMITS.seed.min, max: IMAGE_LIMITS.seed.max, default: 0 },
    { name: 'text', label: 'Text', type: 'string', maxLength: IMAGE_LIMITS.text, default: '' },
  ],
  availability: async () => ({ available: true }),
  async generate(request: ProceduralRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<ProceduralImage> {
    const { width, height, seed, template } = request;
    const inRange = (v: number) => Number.isInteger(v) && v >= IMAGE_LIMITS.size.min && v <= IMAGE_LIMITS.size.max;
    if (!inRange(width) || !inRange(height)) {
      throw new AtelierError('INVALID_INPUT', `Pictures are ${IMAGE_LIMITS.size.min} to ${IMAGE_LIMITS.size.max} pixels a side; ${width}×${height} is not.`);
    }
    const render = TEMPLATE_RENDERERS[template];
    if (!render) throw new AtelierError('INVALID_INPUT', `There is no template "${template}". Templates: ${IMAGE_TEMPLATES.join(', ')}.`);
    const palette = paletteFor(request.prompt, seed);
    onProgress({ fraction: 0.05, detail: `Drawing ${template}` });
    const drawing = await render({
      width,
      height,
      palette,
      random: randomFor(template, seed),
      seed,
      text: request.text?.trim() ?? '',
      prompt: request.prompt,
      signal,
    });
    signal.throwIfAborted();
    onProgress({ fraction: 0.7, detail: 'Encoding PNG' });
    const png = await compose(width, height, drawing, seed);
    signal.throwIfAborted();
    return { png, width, height, seed, palette: palette.name };
  },
};

/**
 * The picture in one sharp pipeline: the background (SVG rendered once, or raw pixels; a
 * small smooth field scaled up), then grain and every layer in one composite, then the
 * PNG. No full-size pixels go through a raw buffer or a PNG in between.
 */
async function compose(width: number, height: number, drawing: TemplateDrawing, seed: number): Promise<Uint8Array> {
  const { background } = drawing;
  const { small } = background;
  const source =
    'svg' in background
      ? sharp(Buffer.from(background.svg), { limitInputPixels: false })
      : sharp(background.raw, { raw: { width: small?.width ?? width, height: small?.height ?? height, channels: background.channels } });
  const base = small ? source.resize(width, height, { fit: 'fill', kernel: 'lanczos3' }) : source;
  // sharp wants every layer no larger than the picture, the repeated grain tile included.
  const tile = Math.min(256, width, height);
  const grain = drawing.grain
    ? [{ input: grainTile(seed, tile), raw: { width: tile, height: tile, channels: 4 as const }, tile: true, blend: 'overlay' as const }]
    : [];
  const layers = [...grain, ...drawing.layers];
  // With nothing over it the picture stays RGB, as an opaque background is (an SVG's alpha is all opaque).
  const out = await (layers.length > 0 ? base.composite(layers) : base.removeAlpha()).png({ compressionLevel: 6 }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
