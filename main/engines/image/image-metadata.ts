import {
  DIFFUSION_SCHEDULERS,
  IMAGE_TEMPLATES,
  type DiffusionScheduler,
  type ImageEngineId,
  type ImageSettings,
  type ImageTemplateId,
} from '../../../preload/schemas/image.js';
import { readTextChunks, withTextChunks, type PngTextEntry } from './png-text-chunks.js';

/**
 * How a picture was made, as far as remaking it needs. Time taken stays out on
 * purpose: it lives in the asset's origin, so the same request gives the same bytes.
 */
export interface ImageMetadata {
  engine: ImageEngineId;
  model?: string;
  template?: ImageTemplateId;
  prompt: string;
  negativePrompt: string;
  text?: string;
  seed: number;
  width: number;
  height: number;
  steps?: number;
  guidance?: number;
  scheduler?: DiffusionScheduler;
  strength?: number;
}

const PARAMETERS_KEYWORD = 'parameters';
const ATELIER_KEYWORD = 'atelier';
const ATELIER_CHUNK_VERSION = 1;

const SAMPLER_NAMES: Readonly<Record<DiffusionScheduler, string>> = { 'euler-a': 'Euler a', euler: 'Euler', ddim: 'DDIM', lcm: 'LCM' };

/** The AUTOMATIC1111 "parameters" text, which most image tools (and people) can read. */
export function a1111Parameters(meta: ImageMetadata): string {
  const fields: string[] = [];
  if (meta.engine === 'diffusion') {
    if (meta.steps !== undefined) fields.push(`Steps: ${meta.steps}`);
    if (meta.scheduler) fields.push(`Sampler: ${SAMPLER_NAMES[meta.scheduler]}`);
    if (meta.guidance !== undefined) fields.push(`CFG scale: ${meta.guidance}`);
  }
  fields.push(`Seed: ${meta.seed}`, `Size: ${meta.width}x${meta.height}`);
  if (meta.model) fields.push(`Model: ${quoteField(meta.model)}`);
  if (meta.strength !== undefined) fields.push(`Denoising strength: ${meta.strength}`);
  if (meta.template) fields.push(`Template: ${meta.template}`);
  fields.push(`Engine: atelier-${meta.engine}`);
  const lines = [meta.prompt];
  if (meta.negativePrompt) lines.push(`Negative prompt: ${meta.negativePrompt}`);
  lines.push(fields.join(', '));
  return lines.join('\n');
}

/** A1111 quotes a value that holds a comma or colon. */
function quoteField(value: string): string {
  return /[,:"]/.test(value) ? JSON.stringify(value) : value;
}

/**
 * The text with every character outside printable ASCII folded away: accents dropped
 * (é → e), anything else a "?". For tEXt chunks and EXIF ASCII fields, which cannot hold UTF-8.
 */
export function asciiSafe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\t\r]/g, ' ')
    .replace(/[^\n\x20-\x7e]/gu, '?');
}

/**
 * The A1111 text as a plain tEXt chunk (ImageMagick 6 and older readers skip iTXt), then,
 * only when folding it to ASCII lost something, the exact text again as iTXt (PIL keeps the
 * last of two same-keyword chunks, so Python tools get the UTF-8 one); Atelier's JSON stays iTXt.
 */
function metadataEntries(meta: ImageMetadata): PngTextEntry[] {
  const parameters = a1111Parameters(meta);
  const ascii = asciiSafe(parameters);
  return [
    { keyword: PARAMETERS_KEYWORD, text: ascii, chunk: 'tEXt' },
    ...(ascii === parameters ? [] : [{ keyword: PARAMETERS_KEYWORD, text: parameters }]),
    { keyword: ATELIER_KEYWORD, text: JSON.stringify({ version: ATELIER_CHUNK_VERSION, ...meta }) },
  ];
}

export function withImageMetadata(png: Uint8Array, meta: ImageMetadata): Uint8Array {
  return withTextChunks(png, metadataEntries(meta));
}

/** Reads settings back from a PNG's own chunks: Atelier's JSON first, else an A1111 "parameters" text. */
export function settingsFromPng(png: Uint8Array): ImageSettings | null {
  const entries = readTextChunks(png);
  const atelier = entries.find((e) => e.keyword === ATELIER_KEYWORD);
  if (atelier) {
    const parsed = settingsFromAtelierJson(atelier.text);
    if (parsed) return parsed;
  }
  // The last one: an exact UTF-8 iTXt follows its ASCII-folded tEXt twin.
  const parameters = entries.findLast((e) => e.keyword === PARAMETERS_KEYWORD);
  return parameters ? settingsFromA1111(parameters.text) : null;
}

function settingsFromAtelierJson(text: string): ImageSettings | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const width = int(r.width);
  const height = int(r.height);
  if (!width || !height) return null;
  const template = str(r.template);
  const scheduler = str(r.scheduler);
  return prune({
    engine: r.engine === 'diffusion' ? 'diffusion' : 'procedural',
    template: (IMAGE_TEMPLATES as readonly string[]).includes(template ?? '') ? (template as ImageTemplateId) : undefined,
    model: str(r.model),
    prompt: str(r.prompt) ?? '',
    negativePrompt: str(r.negativePrompt) ?? '',
    text: str(r.text),
    width,
    height,
    seed: int(r.seed),
    steps: int(r.steps),
    guidance: num(r.guidance),
    scheduler: (DIFFUSION_SCHEDULERS as readonly string[]).includes(scheduler ?? '') ? (scheduler as DiffusionScheduler) : undefined,
    source: 'png-atelier',
  });
}

/** Parses "prompt\nNegative prompt: …\nSteps: 20, Sampler: Euler a, …" as A1111 writes it. */
export function settingsFromA1111(text: string): ImageSettings | null {
  const lines = text.split('\n');
  const fieldsLine = lines.findLastIndex((line) => /(^|, )Steps: \d+|(^|, )Seed: \d+/.test(line));
  if (fieldsLine < 0) return null;
  const fields = new Map<string, string>();
  for (const match of (lines[fieldsLine] as string).matchAll(/\s*([\w ]+): ("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g)) {
    const value = match[2] as string;
    fields.set((match[1] as string).trim(), value.startsWith('"') ? (JSON.parse(value) as string) : value.trim());
  }
  const head = lines.slice(0, fieldsLine);
  const negativeAt = head.findIndex((line) => line.startsWith('Negative prompt:'));
  const prompt = (negativeAt < 0 ? head : head.slice(0, negativeAt)).join('\n');
  const negativePrompt =
    negativeAt < 0
      ? ''
      : head
          .slice(negativeAt)
          .join('\n')
          .replace(/^Negative prompt:\s*/, '');
  const size = /^(\d+)x(\d+)$/.exec(fields.get('Size') ?? '');
  const sampler = fields.get('Sampler');
  const scheduler = (Object.entries(SAMPLER_NAMES) as [DiffusionScheduler, string][]).find(([, name]) => name === sampler)?.[0];
  const template = fields.get('Template');
  const numberOf = (key: string) => {
    const value = Number(fields.get(key));
    return fields.has(key) && Number.isFinite(value) ? value : undefined;
  };
  return prune({
    engine: fields.get('Engine') === 'atelier-procedural' ? 'procedural' : 'diffusion',
    template: (IMAGE_TEMPLATES as readonly string[]).includes(template ?? '') ? (template as ImageTemplateId) : undefined,
    model: fields.get('Model'),
    prompt,
    negativePrompt,
    width: size ? Number(size[1]) : 512,
    height: size ? Number(size[2]) : 512,
    seed: numberOf('Seed'),
    steps: numberOf('Steps'),
    guidance: numberOf('CFG scale'),
    scheduler,
    source: 'png-parameters',
  });
}

/** Drops undefined fields so the result matches the schema's optional (not undefined-valued) keys. */
function prune(settings: ImageSettings): ImageSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as ImageSettings;
}
