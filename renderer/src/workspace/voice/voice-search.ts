/**
 * Finding a voice by what a creator knows: its name ("German"), its language code
 * ("de"), the language's name in English or in itself ("Deutsch"), with or without
 * accents. espeak has about 130 voices, so a plain filter over prepared text is enough.
 */

export interface SearchableVoice {
  id: string;
  name: string;
  languages: readonly string[];
  /** "female" or "male" finds only voices of that gender (not by substring: "male" is in "female"). */
  gender?: string;
}

const GENDER_WORDS: Readonly<Record<string, string>> = { female: 'female', male: 'male' };

interface VoiceEntry<V extends SearchableVoice> {
  voice: V;
  /** The first language's names, English first then its own ("German · Deutsch"), for the list. */
  languageNames: string[];
  /** Lower-case, accent-free text the search matches against. */
  haystack: string;
}

const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** "en-gb" and Piper's "en_GB" both mean British English; Intl wants the dash. */
function tag(code: string): string {
  return code.replace(/_/g, '-');
}

/** The language's name in English and in the language itself; none for codes Intl does not know (espeak's Klingon, Quenya). */
export function languageNames(code: string): string[] {
  const names: string[] = [];
  try {
    const inEnglish = english.of(tag(code));
    if (inEnglish && inEnglish.toLowerCase() !== code.toLowerCase()) names.push(inEnglish);
    const native = new Intl.DisplayNames([tag(code)], { type: 'language', fallback: 'none' }).of(tag(code));
    if (native && native.toLowerCase() !== code.toLowerCase() && !names.includes(native)) names.push(native);
  } catch {
    // Private-use and made-up codes are not locales; the voice's own name still finds it.
  }
  return names;
}

/** Lower case without accents, so "bokmal" finds "Bokmål" and "maori" finds "Māori". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function prepareVoices<V extends SearchableVoice>(voices: readonly V[]): VoiceEntry<V>[] {
  return voices.map((voice) => {
    // Every language's names are searched ("English" finds en-gb); the list shows the first language's.
    const all: string[] = [];
    for (const code of voice.languages) for (const name of languageNames(code)) if (!all.includes(name)) all.push(name);
    const first = voice.languages[0];
    return { voice, languageNames: first ? languageNames(first) : [], haystack: fold([voice.name, voice.id, ...voice.languages, ...all].join(' ')) };
  });
}

/**
 * The entries whose text holds every word of the query. Voices whose name starts
 * with the query come first, so "german" lists German before Swiss German.
 */
export function searchVoices<V extends SearchableVoice>(entries: readonly VoiceEntry<V>[], query: string): VoiceEntry<V>[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  const matches = entries.filter((entry) =>
    words.every((word) => {
      const gender = GENDER_WORDS[word];
      return gender !== undefined && entry.voice.gender !== undefined ? entry.voice.gender === gender : entry.haystack.includes(word);
    }),
  );
  const first = words.join(' ');
  const rank = (entry: VoiceEntry<V>) => (fold(entry.voice.name).startsWith(first) ? 0 : fold(entry.voice.id).startsWith(first) ? 1 : 2);
  return matches
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}
