import { TEXT_LIMITS, type TextAction, type TextTone } from '../../../../preload/contract.js';
import { parseInRange } from '../voice/sound/number-field.js';

// What the assistant offers and how its settings become sampling: shared by the panel and the run.
export const LANGUAGES = [
  'English',
  'French',
  'German',
  'Spanish',
  'Italian',
  'Portuguese',
  'Dutch',
  'Polish',
  'Swedish',
  'Japanese',
  'Chinese',
  'Korean',
  'Arabic',
  'Hindi',
] as const;

export const TONE_LABELS: Readonly<Record<TextTone, string>> = { plain: 'Plain', formal: 'Formal', friendly: 'Friendly', vivid: 'Vivid' };

/** The buttons, in the order a writer reaches for them; Rewrite and Translate take their option from the fields below. */
export const ACTION_BUTTONS: readonly { action: Exclude<TextAction, 'prompt'>; label: string }[] = [
  { action: 'continue', label: 'Continue' },
  { action: 'rewrite', label: 'Rewrite' },
  { action: 'shorten', label: 'Shorten' },
  { action: 'expand', label: 'Expand' },
  { action: 'summarize', label: 'Summarize' },
  { action: 'translate', label: 'Translate' },
  { action: 'titles', label: 'Title ideas' },
];

export interface AssistantSettings {
  tone: TextTone;
  language: string;
  prompt: string;
  presetId: string;
  /** The system prompt as edited in the box (a preset's text until changed). */
  system: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  seed: string;
  /** The model picked in the assistant ('' until one is picked: the active local model). */
  model: string;
}

export const DEFAULT_ASSISTANT: AssistantSettings = {
  tone: 'plain',
  language: 'French',
  prompt: '',
  presetId: '',
  system: '',
  temperature: String(TEXT_LIMITS.temperature.default),
  topP: String(TEXT_LIMITS.topP.default),
  maxTokens: String(TEXT_LIMITS.maxTokens.default),
  seed: '',
  model: '',
};

/** The numbers typed in, checked; `problem` says in words what is wrong. */
export function samplingOf(settings: AssistantSettings): { temperature: number; topP: number; maxTokens: number; seed?: number } | { problem: string } {
  const temperature = parseInRange(settings.temperature, TEXT_LIMITS.temperature.min, TEXT_LIMITS.temperature.max, false);
  const topP = parseInRange(settings.topP, TEXT_LIMITS.topP.min, TEXT_LIMITS.topP.max, false);
  const maxTokens = parseInRange(settings.maxTokens, TEXT_LIMITS.maxTokens.min, TEXT_LIMITS.maxTokens.max, true);
  const seed = settings.seed.trim() === '' ? undefined : parseInRange(settings.seed, TEXT_LIMITS.seed.min, TEXT_LIMITS.seed.max, true);
  if (temperature === null) return { problem: `Temperature is a number from ${TEXT_LIMITS.temperature.min} to ${TEXT_LIMITS.temperature.max}.` };
  if (topP === null) return { problem: `Top-p is a number from ${TEXT_LIMITS.topP.min} to ${TEXT_LIMITS.topP.max}.` };
  if (maxTokens === null) return { problem: `Max tokens is a whole number from ${TEXT_LIMITS.maxTokens.min} to ${TEXT_LIMITS.maxTokens.max}.` };
  if (seed === null) return { problem: 'The seed is a whole number from 0 to 4294967295, or empty for a random one.' };
  return { temperature, topP, maxTokens, ...(seed !== undefined && { seed }) };
}
