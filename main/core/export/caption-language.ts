import type { Asset } from '../../../preload/contract.js';

/** ISO 639-2/B codes (what MP4 and Matroska store) for the languages the voices speak. */
const ISO639_2: Record<string, string> = {
  en: 'eng',
  fr: 'fre',
  de: 'ger',
  es: 'spa',
  it: 'ita',
  pt: 'por',
  nl: 'dut',
  ru: 'rus',
  pl: 'pol',
  sv: 'swe',
  da: 'dan',
  fi: 'fin',
  no: 'nor',
  nb: 'nob',
  cs: 'cze',
  sk: 'slo',
  hu: 'hun',
  ro: 'rum',
  el: 'gre',
  tr: 'tur',
  uk: 'ukr',
  zh: 'chi',
  ja: 'jpn',
  ko: 'kor',
  ar: 'ara',
  he: 'heb',
  hi: 'hin',
  vi: 'vie',
  id: 'ind',
  ca: 'cat',
};

/**
 * The captions' language from the narration: the voice it was spoken with (`en-us`,
 * `fr`, Piper's `de_DE-thorsten-medium`); `und` when no voice says.
 */
export function captionLanguage(narrations: readonly (Asset | undefined)[]): string {
  const code = captionLanguageTag(narrations);
  return (code && ISO639_2[code]) ?? 'und';
}

/** The same language as a BCP 47 tag (`en`, `fr`), what HTML's `<track srclang>` takes; `und` when no voice says. */
export function captionLanguageTag(narrations: readonly (Asset | undefined)[]): string {
  for (const asset of narrations) {
    const voice = asset?.origin.parameters?.['voice'];
    if (typeof voice !== 'string') continue;
    const code = /^([a-z]{2})(?:[-_+]|$)/i.exec(voice)?.[1]?.toLowerCase();
    if (code && ISO639_2[code]) return code;
  }
  return 'und';
}
