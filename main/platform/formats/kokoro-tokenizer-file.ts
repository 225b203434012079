import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';

/**
 * Kokoro's `tokenizer.json` (onnx-community/Kokoro-82M-v1.0-ONNX), a Hugging Face
 * tokenizers file: `model.vocab` maps each phoneme character to its id, `$` (id 0) is
 * the pad that the post-processor puts at both ends of every sequence. The vocabulary
 * is the one in hexgrad/Kokoro-82M's config.json plus that pad. Other fields are kept
 * out of the way: Atelier reads only the vocabulary and the pad.
 */
const TokenizerFileSchema = z.looseObject({
  model: z.looseObject({
    vocab: z.record(z.string(), z.int().nonnegative().max(100_000)).refine((vocab) => Object.keys(vocab).length > 0, 'is empty'),
  }),
  post_processor: z
    .looseObject({
      special_tokens: z.record(z.string(), z.looseObject({ ids: z.array(z.int().nonnegative()) })).optional(),
    })
    .nullable()
    .optional(),
});

export interface KokoroVocabulary {
  /** One phoneme character → its id. */
  ids: ReadonlyMap<string, number>;
  /** The pad's id (`$`), put before and after every sequence. */
  padId: number;
}

/** Kokoro's pad: the template wraps each sequence as `$ … $`. */
const KOKORO_PAD = '$';
const MAX_TOKENIZER_BYTES = 4 * 1024 * 1024;

function invalid(label: string, reason: string): AtelierError {
  return new AtelierError('MODEL_INVALID', `${label} is not a usable Kokoro model: ${reason}`);
}

/** Reads and checks `tokenizer.json`; MODEL_INVALID naming what is wrong. */
export async function readKokoroVocabulary(file: string, label = path.basename(path.dirname(file))): Promise<KokoroVocabulary> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw invalid(label, 'its tokenizer.json is missing.');
  if (stat.size > MAX_TOKENIZER_BYTES) throw invalid(label, 'its tokenizer.json is too large to be a phoneme vocabulary.');
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    throw invalid(label, 'its tokenizer.json is not valid JSON.');
  }
  const parsed = TokenizerFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(label, `its tokenizer.json has a bad ${issue?.path.join('.') || 'root'} (${issue?.message}).`);
  }
  const vocab = parsed.data.model.vocab;
  // Kokoro tokenizes one code point at a time; a longer key would never match.
  const long = Object.keys(vocab).find((key) => [...key].length !== 1);
  if (long !== undefined) throw invalid(label, `its vocabulary has "${long}", which is not one phoneme character.`);
  const padId = parsed.data.post_processor?.special_tokens?.[KOKORO_PAD]?.ids[0] ?? vocab[KOKORO_PAD];
  if (padId === undefined) throw invalid(label, `its tokenizer.json has no "${KOKORO_PAD}" pad token.`);
  return { ids: new Map(Object.entries(vocab)), padId };
}
