import { AtelierError } from '../../../preload/errors.js';
import type { TextRequest } from '../../../preload/schemas/text.js';
import type { ChatMessage } from '../../engines/text/text-generation.js';

const BASE =
  'You are a skilled writing assistant inside a creative studio. Answer with the requested text only: no preamble, no explanations, no quotation marks around it.';

const TONE_WORDS: Record<NonNullable<TextRequest['tone']>, string> = {
  plain: 'plain and clear',
  formal: 'formal and polished',
  friendly: 'warm and friendly',
  vivid: 'vivid and evocative, with concrete sensory detail',
};

/** The default system prompt of each action; a preset or the user's own replaces it. */
function defaultSystemPrompt(request: Pick<TextRequest, 'action' | 'tone' | 'language'>): string {
  switch (request.action) {
    case 'continue':
      return `${BASE} Continue the document in the same voice, tense and format (Markdown). Do not repeat what is already written.`;
    case 'rewrite':
      return `${BASE} Rewrite the given text so it reads ${TONE_WORDS[request.tone ?? 'plain']}, keeping its meaning and Markdown formatting.`;
    case 'shorten':
      return `${BASE} Shorten the given text to about half its length, keeping the key points and its voice.`;
    case 'expand':
      return `${BASE} Expand the given text with more detail and depth, about twice as long, in the same voice.`;
    case 'summarize':
      return `${BASE} Summarize the given text in a few sentences.`;
    case 'translate':
      return `${BASE} Translate the given text into ${request.language ?? 'English'}, keeping its tone and Markdown formatting.`;
    case 'titles':
      return `${BASE} Suggest five short, striking titles for the given text, one per line, as a Markdown list.`;
    case 'prompt':
      return `${BASE} Follow the user's instruction.`;
  }
}

/** The last part of a long document: enough context for Continue without filling the model's context. */
function tail(text: string, chars: number): string {
  return text.length <= chars ? text : `…${text.slice(text.length - chars)}`;
}

/** Turns a Write tab request into the conversation the model answers. */
export function writingMessages(request: TextRequest): { system: string; messages: ChatMessage[]; prompt: string } {
  const system = request.system?.trim() || defaultSystemPrompt(request);
  const subject = (request.selection ?? request.document).trim();
  const extra = request.prompt?.trim();
  let prompt: string;
  if (request.action === 'prompt') {
    if (!extra) throw new AtelierError('INVALID_INPUT', 'Write a prompt first.');
    prompt = subject ? `${extra}\n\nThe document so far:\n\n${tail(subject, 12_000)}` : extra;
  } else if (request.action === 'continue') {
    prompt = subject ? `Continue this document:\n\n${tail(subject, 12_000)}` : 'Begin a new piece of writing.';
    if (extra) prompt += `\n\nGuidance: ${extra}`;
  } else {
    if (!subject) throw new AtelierError('INVALID_INPUT', 'There is no text to work on: write something or select a passage first.');
    prompt = `${subject}${extra ? `\n\nGuidance: ${extra}` : ''}`;
  }
  return {
    system,
    prompt,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: prompt },
    ],
  };
}

const ACTION_TITLES: Record<TextRequest['action'], string> = {
  continue: 'Continue',
  rewrite: 'Rewrite',
  shorten: 'Shorten',
  expand: 'Expand',
  summarize: 'Summarize',
  translate: 'Translate',
  titles: 'Title ideas',
  prompt: 'Prompt',
};

export function actionTitle(request: Pick<TextRequest, 'action' | 'tone' | 'language'>): string {
  const base = ACTION_TITLES[request.action];
  if (request.action === 'rewrite' && request.tone) return `${base} (${request.tone})`;
  if (request.action === 'translate' && request.language) return `${base} to ${request.language}`;
  return base;
}
