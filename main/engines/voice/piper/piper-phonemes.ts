import { AtelierError } from '../../../../preload/errors.js';
import { runEspeakJob } from '../espeak/espeak-pool.js';
import { splitSentences } from '../../../../preload/sentences.js';
import { PIPER_BOS, PIPER_EOS, PIPER_PAD } from './piper-config.js';

/**
 * Text → phonemes → ids the way piper-phonemize does it (src/phonemize.cpp and
 * src/phoneme_ids.cpp in rhasspy/piper-phonemize): espeak-ng IPA clause by clause, the
 * clause's closing punctuation kept as a phoneme (`,` `:` `;` followed by a space),
 * language-switch marks such as `(en)` dropped, each phoneme one code point after NFD.
 */

interface Clause {
  text: string;
  /** The punctuation that closes it, when it is one Piper keeps. */
  terminator?: '.' | '?' | '!' | ',' | ':' | ';';
}

/** A sentence's clauses: cut after , ; : followed by a space; the sentence's own end closes the last one. */
export function splitClauses(sentence: string): Clause[] {
  return sentence
    .split(/(?<=[,;:])\s+/)
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0)
    .map((text) => {
      const last = text.at(-1);
      return last === '.' || last === '?' || last === '!' || last === ',' || last === ':' || last === ';' ? { text, terminator: last } : { text };
    });
}

/** The sentences of a text as Piper speaks them, each a list of clauses. */
export function piperSentences(text: string): Clause[][] {
  return splitSentences(text)
    .map(splitClauses)
    .filter((clauses) => clauses.length > 0);
}

/** One clause's IPA as Piper's phonemes: NFD code points, language marks dropped, then the terminator's. */
export function clausePhonemes(ipa: string, terminator: Clause['terminator'], phonemeMap: ReadonlyMap<string, readonly string[]> = new Map()): string[] {
  const out: string[] = [];
  let inLanguageMark = false;
  for (const raw of ipa.normalize('NFD')) {
    for (const phoneme of phonemeMap.get(raw) ?? [raw]) {
      if (inLanguageMark) {
        if (phoneme === ')') inLanguageMark = false;
      } else if (phoneme === '(') inLanguageMark = true;
      else out.push(phoneme);
    }
  }
  if (terminator) {
    out.push(terminator);
    if (terminator === ',' || terminator === ':' || terminator === ';') out.push(' ');
  }
  return out;
}

/**
 * Phonemes → model input ids: `^`, pad, then each known phoneme's ids followed by the pad,
 * then `$` (piper's interspersed-pad layout). Phonemes the voice does not know are
 * skipped and counted, as piper does.
 */
export function phonemesToIds(phonemes: readonly string[], idMap: ReadonlyMap<string, readonly number[]>): { ids: number[]; missing: Map<string, number> } {
  const pad = idMap.get(PIPER_PAD) ?? [];
  const ids: number[] = [...(idMap.get(PIPER_BOS) ?? []), ...pad];
  const missing = new Map<string, number>();
  for (const phoneme of phonemes) {
    const mapped = idMap.get(phoneme);
    if (!mapped) {
      missing.set(phoneme, (missing.get(phoneme) ?? 0) + 1);
      continue;
    }
    ids.push(...mapped, ...pad);
  }
  ids.push(...(idMap.get(PIPER_EOS) ?? []));
  return { ids, missing };
}

/** IPA for each clause, from one espeak-ng run on the shared warm worker pool. */
export async function espeakIpa(voice: string, clauses: readonly string[], signal: AbortSignal): Promise<string[]> {
  if (clauses.length === 0) return [];
  let result: string[] | undefined;
  await runEspeakJob({ op: 'phonemes', voice, clauses: [...clauses] }, signal, (message) => {
    if (message.type === 'phonemes') result = message.clauses;
  });
  if (!result || result.length !== clauses.length) throw new AtelierError('ENGINE_CRASHED', 'espeak-ng returned no phonemes.');
  return result;
}

/** A text's sentences as Piper phonemes, ready for phonemesToIds; sentences with no phonemes are left out. */
export async function phonemizeForPiper(
  text: string,
  espeakVoice: string,
  signal: AbortSignal,
  phonemeMap?: ReadonlyMap<string, readonly string[]>,
): Promise<{ text: string; phonemes: string[] }[]> {
  const sentences = piperSentences(text);
  const flat = sentences.flat();
  const ipa = await espeakIpa(
    espeakVoice,
    flat.map((c) => c.text),
    signal,
  );
  let at = 0;
  const out: { text: string; phonemes: string[] }[] = [];
  for (const clauses of sentences) {
    const phonemes = clauses.flatMap((clause) => clausePhonemes(ipa[at++] ?? '', clause.terminator, phonemeMap));
    if (phonemes.some((p) => /\p{L}/u.test(p))) out.push({ text: clauses.map((c) => c.text).join(' '), phonemes });
  }
  return out;
}
