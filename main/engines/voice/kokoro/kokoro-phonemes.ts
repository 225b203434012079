import { espeakIpa } from '../piper/piper-phonemes.js';
import type { KokoroLanguage } from './kokoro-voices.js';

/**
 * Text → Kokoro phonemes the way kokoro-js does it (kokoro.js/src/phonemize.js): the text
 * is cut at runs of punctuation, which are kept as they are (Kokoro's vocabulary has
 * them and they shape its prosody); everything between is read by espeak-ng as IPA with
 * stress marks; then a few fixes bring espeak's IPA to the symbols Kokoro was trained on.
 */

/** kokoro-js's PUNCTUATION: the marks kept verbatim between espeak-read sections. */
const PUNCTUATION = ';:,.!?¡¿—…"«»“”(){}[]';
const PUNCTUATION_RUN = new RegExp(`(\\s*[${PUNCTUATION.replace(/[\]\\[^-]/g, '\\$&')}]+\\s*)+`, 'g');

interface Section {
  /** True for a run of punctuation (kept), false for words (read by espeak). */
  punctuation: boolean;
  text: string;
}

/** Cuts text at runs of punctuation, keeping both the runs and what lies between. */
function splitPlainAtPunctuation(text: string): Section[] {
  const out: Section[] = [];
  let at = 0;
  for (const match of text.matchAll(PUNCTUATION_RUN)) {
    if (at < match.index) out.push({ punctuation: false, text: text.slice(at, match.index) });
    if (match[0].length > 0) out.push({ punctuation: true, text: match[0] });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ punctuation: false, text: text.slice(at) });
  return out;
}

/**
 * espeak's phoneme input, `[[soUtSi:]]` (what the pronunciation dictionary's IPA entries
 * become): brackets and `:` are punctuation to kokoro-js, so without this the phonemes
 * would be read out as letters. Each one goes to espeak whole, as a word section.
 */
const PHONEME_INPUT = /\[\[[^\]]*\]\]/g;

/** Cuts text at runs of punctuation, leaving espeak phoneme input whole. */
function splitAtPunctuation(text: string): Section[] {
  const out: Section[] = [];
  let at = 0;
  for (const match of text.matchAll(PHONEME_INPUT)) {
    out.push(...splitPlainAtPunctuation(text.slice(at, match.index)), { punctuation: false, text: match[0] });
    at = match.index + match[0].length;
  }
  out.push(...splitPlainAtPunctuation(text.slice(at)));
  return out;
}

/** espeak-ng's language-switch marks, `(en)` … `(fr)`: the words stay, the marks go (misaki's remove-flags). */
const LANGUAGE_FLAG = /\([a-z]{2,3}(?:-[a-z0-9]+)*\)/g;

/**
 * espeak IPA → Kokoro's symbols. English: kokoro-js's fixes (its own name, palatalized
 * consonants, trilled r and velar fricatives that Kokoro's English never uses, a space
 * before "hundred", a lone "z" joined to its word, and American flapped "ninety").
 * Other languages: misaki's EspeakG2P fixes that apply without tie marks (hyphens go).
 */
function kokoroIpa(ipa: string, language: Pick<KokoroLanguage, 'code' | 'english'>): string {
  const unflagged = ipa.replace(LANGUAGE_FLAG, '');
  if (!language.english) return unflagged.replace(/-/g, '').trim();
  let out = unflagged
    .replace(/kəkˈoːɹoʊ/g, 'kˈoʊkəɹoʊ')
    .replace(/kəkˈɔːɹəʊ/g, 'kˈəʊkəɹəʊ')
    .replace(/ʲ/g, 'j')
    .replace(/r/g, 'ɹ')
    .replace(/x/g, 'k')
    .replace(/ɬ/g, 'l')
    .replace(/(?<=[a-zɹː])(?=hˈʌndɹɪd)/g, ' ')
    .replace(/ z(?=[;:,.!?¡¿—…"«»“” ]|$)/g, 'z');
  if (language.code === 'a') out = out.replace(/(?<=nˈaɪn)ti(?!ː)/g, 'di');
  return out.trim();
}

/**
 * The phonemes of each text, from one espeak-ng run for all of them (one instance costs
 * about a quarter of a second). Punctuation sections are kept as they are; word sections
 * become IPA; the whole is then fixed up for Kokoro.
 */
export async function phonemizeForKokoro(texts: readonly string[], language: KokoroLanguage, signal: AbortSignal): Promise<string[]> {
  const sectioned = texts.map(splitAtPunctuation);
  const words = sectioned.flatMap((sections) => sections.filter((s) => !s.punctuation && s.text.trim() !== '').map((s) => s.text));
  const ipa = await espeakIpa(language.espeak, words, signal);
  let at = 0;
  return sectioned.map((sections) =>
    kokoroIpa(
      sections
        .map((section) => {
          if (section.punctuation) return section.text;
          // espeak drops the spaces at a section's edges; they part words from punctuation.
          if (section.text.trim() === '') return section.text;
          const lead = /^\s/.test(section.text) ? ' ' : '';
          const trail = /\s$/.test(section.text) ? ' ' : '';
          return `${lead}${ipa[at++] ?? ''}${trail}`;
        })
        .join(''),
      language,
    ),
  );
}
