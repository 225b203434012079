import type { AssetOrigin } from '../../../../preload/contract.js';

/** The engines that narrate, as the Voice tab names them. */
const NARRATION_ENGINES: Readonly<Record<string, string>> = { espeak: 'Built-in voice', piper: 'Natural voice', kokoro: 'Kokoro voice' };

interface NarrationFacts {
  /** "Built-in voice", "German", "female2", "1.5× speed". */
  facts: string[];
  /** The start of the spoken text. */
  excerpt: string;
}

const EXCERPT_CHARS = 120;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * What a narration clip's origin says about how it was spoken, for the clip list.
 * Null for anything not narrated (effects, imports), which say their own facts.
 */
export function narrationFacts(origin: AssetOrigin): NarrationFacts | null {
  const engine = NARRATION_ENGINES[origin.engine];
  if (!engine) return null;
  const parameters = origin.parameters ?? {};
  const facts = [engine];
  const espeakName = text(parameters.voice);
  const voice = text(parameters.voiceName) ?? (espeakName ? espeakName.split('+')[0] : null) ?? text(origin.model);
  if (voice) facts.push(voice);
  // espeak records "de+f3" for a variant; the part after + is the variant's id.
  const variant = origin.engine === 'espeak' && espeakName?.includes('+') ? espeakName.split('+')[1] : null;
  if (variant) facts.push(`variant ${variant}`);
  const speaker = text(parameters.speakerName) ?? (typeof parameters.speaker === 'number' ? `speaker ${parameters.speaker}` : null);
  if (speaker) facts.push(speaker);
  // Kokoro records its own input's name, speed.
  const rate = typeof parameters.rate === 'number' ? parameters.rate : origin.engine === 'kokoro' ? parameters.speed : undefined;
  if (typeof rate === 'number' && rate !== 1) facts.push(`${Number(rate.toFixed(2))}× speed`);
  if (origin.engine === 'espeak' && typeof parameters.pitch === 'number' && parameters.pitch !== 50) facts.push(`pitch ${parameters.pitch}`);
  const spoken = (origin.prompt ?? '').replace(/\s+/g, ' ').trim();
  return { facts, excerpt: spoken.length > EXCERPT_CHARS ? `${spoken.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : spoken };
}
