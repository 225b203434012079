import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { looksLikeKokoroFolder } from './kokoro-folder.js';
import { looksLikeWhisperFolder } from './whisper-folder.js';

/**
 * What a folder holds, judged by its content before any format is checked in depth:
 * a diffusers pipeline announces itself with `model_index.json` or its component
 * folders; a Piper voice is a `NAME.onnx` with `NAME.onnx.json` beside it. A voice
 * downloaded from the Piper releases comes as such a folder, so it must not be taken
 * for a broken diffusers model. A Kokoro model is `tokenizer.json` with `onnx/` and
 * `voices/` beside it (kokoro-folder.ts).
 */
type FolderKind = { kind: 'diffusers' } | { kind: 'kokoro' } | { kind: 'whisper' } | { kind: 'piper'; onnx: string };

/** Names whose presence means the folder is meant to be a diffusers pipeline. */
const DIFFUSERS_MARKERS = ['model_index.json', 'unet', 'text_encoder', 'vae_decoder'];

export const FOLDER_EXPECTED =
  'A model folder is a Piper voice (one NAME.onnx with NAME.onnx.json beside it), a Kokoro model (tokenizer.json with onnx/ and voices/), a sherpa-onnx Whisper export (NAME-encoder.onnx, NAME-decoder.onnx, NAME-tokens.txt) or a diffusers ONNX pipeline (model_index.json with unet/, text_encoder/, vae_decoder/ and tokenizer/).';

export async function classifyFolder(dir: string, label: string): Promise<FolderKind> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = new Set(entries.map((e) => e.name));
  if (DIFFUSERS_MARKERS.some((marker) => names.has(marker))) return { kind: 'diffusers' };
  if (looksLikeKokoroFolder(entries)) return { kind: 'kokoro' };
  if (looksLikeWhisperFolder(entries)) return { kind: 'whisper' };

  const onnxFiles = entries.filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith('.onnx')).map((e) => e.name);
  const pairs = onnxFiles.filter((name) => entries.some((e) => e.isFile() && e.name === `${name}.json`)).sort();
  if (pairs.length === 1) return { kind: 'piper', onnx: path.join(dir, pairs[0] as string) };
  if (pairs.length > 1) {
    throw new AtelierError(
      'MODEL_INVALID',
      `${label} holds ${pairs.length} Piper voices (${pairs.join(', ')}); import one of their .onnx files instead of the folder.`,
    );
  }
  if (onnxFiles.length === 1) {
    throw new AtelierError(
      'MODEL_INVALID',
      `${label} has ${onnxFiles[0]} but not ${onnxFiles[0]}.json beside it, so it is not a Piper voice. ${FOLDER_EXPECTED}`,
    );
  }
  throw new AtelierError('MODEL_INVALID', `${label} is not a model folder Atelier recognises. ${FOLDER_EXPECTED}`);
}
