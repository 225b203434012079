/**
 * English text normalization before phonemization, as kokoro-js does it
 * (hexgrad/kokoro, kokoro.js/src/phonemize.js `normalize_text`, Apache-2.0): quotes and
 * brackets, CJK punctuation, titles, years and clock times, money, decimals, ranges and
 * possessives spelled the way Kokoro was trained to hear them. espeak-ng alone reads
 * "1990" as "one thousand nine hundred and ninety"; Kokoro's voices expect "nineteen
 * ninety".
 */
import { splitSentences } from '../../../../preload/sentences.js';

/** "1990" → "19 90", "2:05" → "2 oh 5", "1.5" stays for pointNumber. */
function splitNumber(match: string): string {
  if (match.includes('.')) return match;
  if (match.includes(':')) {
    const [h, m] = match.split(':').map(Number) as [number, number];
    if (m === 0) return `${h} o'clock`;
    if (m < 10) return `${h} oh ${m}`;
    return `${h} ${m}`;
  }
  const year = parseInt(match.slice(0, 4), 10);
  if (year < 1100 || year % 1000 < 10) return match;
  const left = match.slice(0, 2);
  const right = parseInt(match.slice(2, 4), 10);
  const suffix = match.endsWith('s') ? 's' : '';
  if (year % 1000 >= 100 && year % 1000 <= 999) {
    if (right === 0) return `${left} hundred${suffix}`;
    if (right < 10) return `${left} oh ${right}${suffix}`;
  }
  return `${left} ${right}${suffix}`;
}

/** "$5" → "5 dollars", "£1.50" → "1 pound and 50 pence". */
function flipMoney(match: string): string {
  const bill = match[0] === '$' ? 'dollar' : 'pound';
  const amount = match.slice(1);
  if (Number.isNaN(Number(amount))) return `${amount} ${bill}s`;
  if (!match.includes('.')) return `${amount} ${bill}${amount === '1' ? '' : 's'}`;
  const [whole = '', cents = ''] = amount.split('.');
  const d = parseInt(cents.padEnd(2, '0'), 10);
  const coins = match[0] === '$' ? (d === 1 ? 'cent' : 'cents') : d === 1 ? 'penny' : 'pence';
  return `${whole} ${bill}${whole === '1' ? '' : 's'} and ${d} ${coins}`;
}

/** "3.14" → "3 point 1 4". */
function pointNumber(match: string): string {
  const [a = '', b = ''] = match.split('.');
  return `${a} point ${b.split('').join(' ')}`;
}

export function normalizeEnglish(text: string): string {
  return (
    text
      // Quotes and brackets: parentheses become guillemets so they survive as punctuation.
      .replace(/[‘’]/g, "'")
      .replace(/«/g, '“')
      .replace(/»/g, '”')
      .replace(/[“”]/g, '"')
      .replace(/\(/g, '«')
      .replace(/\)/g, '»')
      // CJK punctuation.
      .replace(/、/g, ', ')
      .replace(/。/g, '. ')
      .replace(/！/g, '! ')
      .replace(/，/g, ', ')
      .replace(/：/g, ': ')
      .replace(/；/g, '; ')
      .replace(/？/g, '? ')
      // Whitespace.
      .replace(/[^\S \n]/g, ' ')
      .replace(/ {2,}/g, ' ')
      .replace(/(?<=\n) +(?=\n)/g, '')
      // Titles.
      .replace(/\bD[Rr]\.(?= [A-Z])/g, 'Doctor')
      .replace(/\b(?:Mr\.|MR\.(?= [A-Z]))/g, 'Mister')
      .replace(/\b(?:Ms\.|MS\.(?= [A-Z]))/g, 'Miss')
      .replace(/\b(?:Mrs\.|MRS\.(?= [A-Z]))/g, 'Mrs')
      .replace(/\betc\.(?! [A-Z])/gi, 'etc')
      // Casual words.
      .replace(/\b(y)eah?\b/gi, "$1e'a")
      // Numbers and money.
      .replace(/\d*\.\d+|\b\d{4}s?\b|(?<!:)\b(?:[1-9]|1[0-2]):[0-5]\d\b(?!:)/g, splitNumber)
      .replace(/(?<=\d),(?=\d)/g, '')
      .replace(/[$£]\d+(?:\.\d+)?(?: hundred| thousand| (?:[bm]|tr)illion)*\b|[$£]\d+\.\d\d?\b/gi, flipMoney)
      .replace(/\d*\.\d+/g, pointNumber)
      .replace(/(?<=\d)-(?=\d)/g, ' to ')
      .replace(/(?<=\d)S/g, ' S')
      // Possessives.
      .replace(/(?<=[BCDFGHJ-NP-TV-Z])'?s\b/g, "'S")
      .replace(/(?<=X')S\b/g, 's')
      // Initialisms.
      .replace(/(?:[A-Za-z]\.){2,} [a-z]/g, (m) => m.replace(/\./g, '-'))
      .replace(/(?<=[A-Z])\.(?=[A-Z])/gi, '-')
      .trim()
  );
}

/**
 * The sentences Kokoro speaks for a text: English is normalized first (so "Dr. Smith"
 * and "3.5" do not end a sentence), then the text is cut after . ! ? … and blank lines.
 */
export function sentencesOf(text: string, language: { english: boolean }): string[] {
  return splitSentences(language.english ? normalizeEnglish(text) : text);
}
