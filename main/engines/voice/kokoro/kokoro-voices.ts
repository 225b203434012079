/**
 * Kokoro names its voices `<language><gender>_<name>` (hexgrad/Kokoro-82M VOICES.md):
 * `af_heart` is an American English female voice, `bm_george` a British male one. The
 * first letter is also the language code kokoro's pipeline phonemizes with (KPipeline
 * LANG_CODES); here each maps to the espeak-ng voice that reads it.
 */
export interface KokoroLanguage {
  /** Kokoro's one-letter code. */
  code: string;
  /** BCP 47, for the voice list and a search by language. */
  tag: string;
  name: string;
  /** The built-in espeak-ng voice that phonemizes text for it. */
  espeak: string;
  /** Whether kokoro-js's English text normalization and IPA fixes apply. */
  english: boolean;
}

/**
 * a and b as kokoro-js phonemizes them (`en-us`, `en`); e f h i p as kokoro's
 * EspeakG2P does (`es`, `fr-fr`, `hi`, `it`, `pt-br`). Kokoro reads Japanese and Mandarin
 * with misaki's own G2P, which Atelier does not have: espeak-ng's `ja` and `cmn` stand in.
 */
export const KOKORO_LANGUAGES: Readonly<Record<string, KokoroLanguage>> = {
  a: { code: 'a', tag: 'en-US', name: 'American English', espeak: 'en-us', english: true },
  b: { code: 'b', tag: 'en-GB', name: 'British English', espeak: 'en', english: true },
  e: { code: 'e', tag: 'es', name: 'Spanish', espeak: 'es', english: false },
  f: { code: 'f', tag: 'fr-FR', name: 'French', espeak: 'fr-fr', english: false },
  h: { code: 'h', tag: 'hi', name: 'Hindi', espeak: 'hi', english: false },
  i: { code: 'i', tag: 'it', name: 'Italian', espeak: 'it', english: false },
  j: { code: 'j', tag: 'ja', name: 'Japanese', espeak: 'ja', english: false },
  p: { code: 'p', tag: 'pt-BR', name: 'Brazilian Portuguese', espeak: 'pt-br', english: false },
  z: { code: 'z', tag: 'zh', name: 'Mandarin Chinese', espeak: 'cmn', english: false },
};

export interface KokoroVoiceInfo {
  /** The pack's file name without `.bin`: what a request names. */
  id: string;
  /** "Heart". */
  name: string;
  /** Undefined when the id does not follow the convention. */
  language?: KokoroLanguage;
  gender: 'female' | 'male' | 'unknown';
}

const VOICE_ID = /^([a-z])([fm])_([A-Za-z0-9]+)$/;

/** What a voice id says about its voice; an id outside the convention is kept with unknowns. */
export function describeKokoroVoice(id: string): KokoroVoiceInfo {
  const match = VOICE_ID.exec(id);
  const language = match ? KOKORO_LANGUAGES[match[1] as string] : undefined;
  if (!match || !language) return { id, name: id, gender: 'unknown' };
  const given = match[3] as string;
  return {
    id,
    name: given.charAt(0).toUpperCase() + given.slice(1),
    language,
    gender: match[2] === 'f' ? 'female' : 'male',
  };
}

/** The language a voice speaks, American English for an id outside the convention (kokoro-js's default voice). */
export function kokoroLanguageOf(id: string): KokoroLanguage {
  return describeKokoroVoice(id).language ?? (KOKORO_LANGUAGES.a as KokoroLanguage);
}
