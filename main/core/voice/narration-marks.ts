import { AtelierError } from '../../../preload/errors.js';
import { CAST_LIMITS } from '../../../preload/schemas/cast.js';

/** A line of narration as the renderer takes it: speech, and silences the writer asked for. */
type NarrationPiece = { kind: 'text'; text: string } | { kind: 'pause'; seconds: number };

/** `[pause 1.5]`, `[spell NASA]`: a mark's name and its argument (never `[[…]]`, espeak's phoneme input). */
const MARK = /(?<!\[)\[(pause|spell)\b\s*([^[\]]*)\](?!\])/giu;

/** Letter names as words every engine says the same way ("A" alone is the article to espeak). */
const LETTER_NAMES: Record<string, string> = {
  a: 'ay',
  b: 'bee',
  c: 'see',
  d: 'dee',
  e: 'ee',
  f: 'ef',
  g: 'jee',
  h: 'aitch',
  i: 'eye',
  j: 'jay',
  k: 'kay',
  l: 'el',
  m: 'em',
  n: 'en',
  o: 'oh',
  p: 'pee',
  q: 'cue',
  r: 'ar',
  s: 'ess',
  t: 'tee',
  u: 'you',
  v: 'vee',
  w: 'double-you',
  x: 'ex',
  y: 'why',
  z: 'zed',
};

/** `[spell NASA]` → "en ay ess ay": each letter by its name, digits as digits, the rest dropped. */
export function spellOut(word: string): string {
  return [...word]
    .map((ch) => LETTER_NAMES[ch.toLocaleLowerCase('en')] ?? (/\p{L}|\p{N}/u.test(ch) ? ch : ''))
    .filter(Boolean)
    .join(' ');
}

function pauseSeconds(argument: string, mark: string): number {
  const seconds = Number(argument.trim());
  if (argument.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > CAST_LIMITS.pauseSeconds) {
    throw new AtelierError('INVALID_INPUT', `${mark}: a pause takes a number of seconds above 0 and at most ${CAST_LIMITS.pauseSeconds}, e.g. [pause 1.5].`);
  }
  return seconds;
}

/**
 * A line with its marks turned into pieces: `[pause N]` becomes N seconds of silence,
 * `[spell X]` the letters' names. Bad marks are INVALID_INPUT quoting the mark.
 */
export function narrationPieces(text: string): NarrationPiece[] {
  const pieces: NarrationPiece[] = [];
  let buffer = '';
  let at = 0;
  const flush = () => {
    const clean = buffer.replace(/\s+/g, ' ').trim();
    if (clean) pieces.push({ kind: 'text', text: clean });
    buffer = '';
  };
  for (const match of text.matchAll(MARK)) {
    buffer += text.slice(at, match.index);
    at = match.index + match[0].length;
    const name = (match[1] ?? '').toLowerCase();
    const argument = match[2] ?? '';
    if (name === 'spell') {
      const spelled = spellOut(argument);
      if (!spelled) throw new AtelierError('INVALID_INPUT', `${match[0]}: nothing to spell; write the word after "spell", e.g. [spell NASA].`);
      buffer += ` ${spelled} `;
    } else {
      const seconds = pauseSeconds(argument, match[0]);
      flush();
      pieces.push({ kind: 'pause', seconds });
    }
  }
  buffer += text.slice(at);
  flush();
  return pieces;
}

/** The text as captions show it: `[pause N]` gone, `[spell X]` as the word X itself. */
export function stripMarks(text: string): string {
  return text
    .replace(MARK, (_mark, name: string, argument: string) => (name.toLowerCase() === 'spell' ? argument.trim() : ' '))
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([.,!?;:])/g, '$1')
    .replace(/^ +| +$/gm, '');
}
