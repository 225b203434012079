import type { KokoroVocabulary } from '../../../platform/formats/kokoro-tokenizer-file.js';

/**
 * Phonemes → ids, and ids → chunks that fit Kokoro's context. The model reads at most
 * 512 ids: the pad, 510 phonemes, the pad (kokoro's pipeline refuses `len(ps) > 510`;
 * kokoro-js truncates there). Long text is cut between sentences, never inside one
 * unless a single sentence is longer than the context; then it is cut at the last
 * sentence mark, clause mark, comma or space that fits, as kokoro's `waterfall_last`.
 */
export const KOKORO_CONTEXT_TOKENS = 510;
/**
 * Sentences are packed into a chunk up to this many phonemes. Below the context on
 * purpose: activation memory grows with chunk length, and a shorter first chunk means
 * the first audio comes sooner; a long sentence may still use the whole context.
 */
const KOKORO_PACK_TOKENS = 300;

interface Tokenized {
  ids: number[];
  /** Characters the vocabulary does not have (dropped, as the tokenizer's normalizer drops them), with counts. */
  dropped: Map<string, number>;
}

/** One code point at a time, as Kokoro's tokenizer splits; unknown characters are dropped and counted. */
export function tokenizePhonemes(phonemes: string, vocabulary: Pick<KokoroVocabulary, 'ids'>): Tokenized {
  const ids: number[] = [];
  const dropped = new Map<string, number>();
  for (const ch of phonemes) {
    const id = vocabulary.ids.get(ch);
    if (id === undefined) dropped.set(ch, (dropped.get(ch) ?? 0) + 1);
    else ids.push(id);
  }
  return { ids, dropped };
}

/** Marks to cut an over-long sentence after, strongest first (kokoro's waterfall). */
const CUT_MARKS = ['!.?…', ':;', ',—', ' '] as const;

/** The ids of one over-long sentence as pieces of at most `limit`, cut after the strongest mark that fits. */
function cutLongSentence(ids: readonly number[], vocabulary: Pick<KokoroVocabulary, 'ids'>, limit = KOKORO_CONTEXT_TOKENS): number[][] {
  const pieces: number[][] = [];
  let rest = [...ids];
  while (rest.length > limit) {
    let cut = limit;
    for (const marks of CUT_MARKS) {
      const wanted = new Set([...marks].map((m) => vocabulary.ids.get(m)).filter((id): id is number => id !== undefined));
      let at = -1;
      for (let i = limit - 1; i > limit / 4; i--) {
        if (wanted.has(rest[i] as number)) {
          at = i;
          break;
        }
      }
      if (at > 0) {
        cut = at + 1;
        break;
      }
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    // A space that ended up leading the next piece says nothing.
    const space = vocabulary.ids.get(' ');
    while (rest[0] === space && rest.length > 0) rest.shift();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * Consecutive sentences (their ids) packed into chunks: joined by a space, up to `pack`
 * ids each; a sentence longer than `limit` is cut by cutLongSentence. Every chunk is
 * 1 to `limit` ids, in order, and holds every id given (plus the joining spaces).
 */
export function packChunks(
  sentences: readonly (readonly number[])[],
  vocabulary: Pick<KokoroVocabulary, 'ids'>,
  pack = KOKORO_PACK_TOKENS,
  limit = KOKORO_CONTEXT_TOKENS,
): number[][] {
  const space = vocabulary.ids.get(' ');
  const chunks: number[][] = [];
  let current: number[] = [];
  const flush = () => {
    if (current.length > 0) chunks.push(current);
    current = [];
  };
  for (const sentence of sentences) {
    if (sentence.length === 0) continue;
    if (sentence.length > limit) {
      flush();
      chunks.push(...cutLongSentence(sentence, vocabulary, limit));
      continue;
    }
    const joined = current.length === 0 ? sentence.length : current.length + 1 + sentence.length;
    if (current.length > 0 && joined > pack) flush();
    if (current.length > 0 && space !== undefined) current.push(space);
    current.push(...sentence);
  }
  flush();
  return chunks;
}

/** The model's input for one chunk: the pad on both sides (the tokenizer's post-processor). */
export function withPads(ids: readonly number[], padId: number): number[] {
  return [padId, ...ids, padId];
}
