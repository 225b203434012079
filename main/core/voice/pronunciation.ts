import { AtelierError } from '../../../preload/errors.js';
import type { Pronunciation } from '../../../preload/schemas/cast.js';

/**
 * IPA → espeak-ng's phoneme mnemonics (its `[[…]]` input), longest symbols first. English
 * phonemes: espeak reads the mnemonics with the voice's own phoneme table, so what the
 * English table lacks would be said wrongly or dropped; such a symbol is refused instead.
 */
const IPA_TO_ESPEAK: readonly (readonly [string, string])[] = [
  ['tʃ', 'tS'],
  ['dʒ', 'dZ'],
  ['eɪ', 'eI'],
  ['aɪ', 'aI'],
  ['aʊ', 'aU'],
  ['ɔɪ', 'OI'],
  ['oʊ', 'oU'],
  ['əʊ', '@U'],
  ['ɪə', 'i@'],
  ['eə', 'e@'],
  ['ʊə', 'U@'],
  ['iː', 'i:'],
  ['uː', 'u:'],
  ['ɑː', 'A:'],
  ['ɔː', 'O:'],
  ['ɜː', '3:'],
  ['ə', '@'],
  ['ɐ', 'a#'],
  ['ɪ', 'I'],
  ['i', 'i'],
  ['ʊ', 'U'],
  ['u', 'u'],
  ['ɛ', 'E'],
  ['e', 'e'],
  ['æ', 'a'],
  ['a', 'a'],
  ['ɑ', 'A'],
  ['ɒ', '0'],
  ['ɔ', 'O'],
  ['o', 'o'],
  ['ʌ', 'V'],
  ['ɜ', '3'],
  ['ɚ', '3'],
  ['ɝ', '3:'],
  ['ᵻ', 'I2'],
  ['p', 'p'],
  ['b', 'b'],
  ['t', 't'],
  ['d', 'd'],
  ['k', 'k'],
  ['g', 'g'],
  ['ɡ', 'g'],
  ['f', 'f'],
  ['v', 'v'],
  ['θ', 'T'],
  ['ð', 'D'],
  ['s', 's'],
  ['z', 'z'],
  ['ʃ', 'S'],
  ['ʒ', 'Z'],
  ['h', 'h'],
  ['m', 'm'],
  ['n', 'n'],
  ['ŋ', 'N'],
  ['l', 'l'],
  ['ɫ', 'l'],
  ['r', 'r'],
  ['ɹ', 'r'],
  ['ɾ', 't#'],
  ['w', 'w'],
  ['j', 'j'],
  ['x', 'x'],
  ['ç', 'C'],
  ['ˈ', "'"],
  ['ˌ', ','],
  ['ː', ':'],
  [' ', '_'],
];
/** Written for people, not sounds: syllable dots, ties and length half-marks. */
const IGNORED = new Set(['.', '‿', '͡', 'ˑ', '\u0361']);

/** True when `say` is IPA between slashes. */
function isIpa(say: string): boolean {
  return /^\/.+\/$/su.test(say.trim());
}

/** IPA (`/ˈnaɪ.vəl/`, slashes optional) as espeak mnemonics (`'naIv@l`); INVALID_INPUT naming a symbol it cannot say. */
export function ipaToEspeak(ipa: string): string {
  const source = ipa
    .trim()
    .replace(/^\/|\/$/g, '')
    .normalize('NFC');
  let out = '';
  for (let at = 0; at < source.length;) {
    const ch = source[at] ?? '';
    if (IGNORED.has(ch)) {
      at += 1;
      continue;
    }
    const found = IPA_TO_ESPEAK.find(([symbol]) => source.startsWith(symbol, at));
    if (!found) throw new AtelierError('INVALID_INPUT', `The IPA "/${source}/" has "${ch}", which the English phoneme table cannot say.`);
    out += found[1];
    at += found[0].length;
  }
  if (out.replace(/['_,:]/g, '') === '') throw new AtelierError('INVALID_INPUT', `The IPA "/${source}/" has no sounds in it.`);
  return out;
}

/** Throws the typed error for entries that could not be applied (an IPA symbol espeak lacks). */
export function checkPronunciations(entries: readonly Pronunciation[]): void {
  for (const entry of entries) {
    if (!isIpa(entry.say)) continue;
    try {
      ipaToEspeak(entry.say);
    } catch (error) {
      throw new AtelierError('INVALID_INPUT', `Pronunciation of "${entry.word}": ${(error as Error).message}`);
    }
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The dictionary applied to text before any engine phonemizes it: every whole-word match
 * (any case) becomes its respelling, or with `phonemeInput` (engines that phonemize with
 * espeak-ng: espeak, Piper, Kokoro) its IPA as espeak's `[[…]]` phonemes. An engine that
 * reads plain text only (a remote server) keeps IPA-entry words as written. One pass, so a
 * replacement is never matched again.
 */
export function applyPronunciations(text: string, entries: readonly Pronunciation[], options: { phonemeInput: boolean }): string {
  const usable = entries.filter((e) => options.phonemeInput || !isIpa(e.say));
  if (usable.length === 0) return text;
  // The first entry for a word wins (an unsaved entry being tried comes before the saved one).
  const byWord = new Map<string, string>();
  for (const entry of usable) if (!byWord.has(entry.word.toLocaleLowerCase('en'))) byWord.set(entry.word.toLocaleLowerCase('en'), entry.say);
  const words = [...byWord.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_\\[])(${words.join('|')})(?![\\p{L}\\p{N}_\\]])`, 'giu');
  return text.replace(pattern, (word: string) => {
    const say = byWord.get(word.toLocaleLowerCase('en')) ?? word;
    return isIpa(say) ? `[[${ipaToEspeak(say)}]]` : say;
  });
}
