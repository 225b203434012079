import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { readOnnxModel, type OnnxInfo } from './onnx-proto.js';

/**
 * A Whisper model in sherpa-onnx's export layout (csukuangfj/sherpa-onnx-whisper-*, also
 * the k2-fsa release archives): `<name>-encoder.onnx`, `<name>-decoder.onnx` (often with
 * `.int8.onnx` twins) and `<name>-tokens.txt`. sherpa-onnx reads the model's settings
 * from the encoder's metadata_props and ends the whole process when one is missing or a
 * language is unknown, so everything it would read is checked here first, in JavaScript,
 * and a bad folder is a MODEL_INVALID that names the problem.
 */
export interface WhisperFolderInfo {
  encoder: string;
  decoder: string;
  tokens: string;
  multilingual: boolean;
  /** Language codes the model can be told to use ("en", "de", …); empty for English-only models. */
  languages: string[];
  /** A Silero VAD graph in the same folder, or null (then long audio is cut at its quietest moments). */
  vad: string | null;
}

/** The decoder's inputs, by position: sherpa-onnx feeds them in this order. */
const WHISPER_DECODER_INPUTS = ['tokens', 'in_n_layer_self_k_cache', 'in_n_layer_self_v_cache', 'n_layer_cross_k', 'n_layer_cross_v', 'offset'] as const;
const WHISPER_ENCODER_OUTPUTS = ['n_layer_cross_k', 'n_layer_cross_v'] as const;

/** Every metadata key sherpa-onnx's OfflineWhisperModel reads as a number. */
const NUMERIC_KEYS = [
  'n_mels',
  'n_text_layer',
  'n_text_ctx',
  'n_text_state',
  'n_vocab',
  'sot',
  'eot',
  'blank_id',
  'translate',
  'transcribe',
  'is_multilingual',
  'no_timestamps',
  'no_speech',
] as const;

function invalid(label: string, reason: string): AtelierError {
  return new AtelierError('MODEL_INVALID', `${label} is not a usable Whisper model: ${reason}`);
}

/** The 8-bit graphs when both are there: several times faster on a CPU, and what sherpa-onnx's own examples use. */
function pick(files: string[], part: 'encoder' | 'decoder'): string | undefined {
  return files.find((n) => n.endsWith(`-${part}.int8.onnx`)) ?? files.find((n) => n.endsWith(`-${part}.onnx`));
}

async function readGraph(file: string, label: string): Promise<OnnxInfo> {
  try {
    return await readOnnxModel(file);
  } catch (error) {
    if (error instanceof AtelierError) throw invalid(label, `${path.basename(file)} is not a valid ONNX model (${error.message}).`);
    throw error;
  }
}

function integerList(value: string | undefined): number[] | null {
  if (value === undefined || value.trim() === '') return null;
  const numbers = value.split(',').map((part) => Number(part.trim()));
  return numbers.every((n) => Number.isInteger(n) && n >= 0) ? numbers : null;
}

function checkMetadata(metadata: Record<string, string>, label: string, encoderName: string): { multilingual: boolean; languages: string[] } {
  const missing = NUMERIC_KEYS.filter((key) => !/^\d+$/.test(metadata[key]?.trim() ?? ''));
  if (missing.length > 0) throw invalid(label, `${encoderName} lacks the metadata ${missing.join(', ')} (was it exported by sherpa-onnx's Whisper script?).`);
  const vocab = Number(metadata['n_vocab']);
  const sequence = integerList(metadata['sot_sequence']);
  if (!sequence || sequence.some((id) => id >= vocab)) throw invalid(label, `${encoderName} has no usable sot_sequence.`);
  const multilingual = metadata['is_multilingual']?.trim() === '1';
  if (!multilingual) return { multilingual, languages: [] };
  // sherpa-onnx writes the language token as sot_sequence[1]; it needs three entries.
  if (sequence.length < 3) throw invalid(label, `${encoderName} is multilingual but its sot_sequence has ${sequence.length} tokens, not 3.`);
  const tokens = integerList(metadata['all_language_tokens']);
  const codes = (metadata['all_language_codes'] ?? '').split(',').map((code) => code.trim());
  if (!tokens || tokens.length !== codes.length || codes.some((code) => !/^[a-z]{2,3}$/.test(code))) {
    throw invalid(label, `${encoderName}'s language tokens and codes do not match.`);
  }
  return { multilingual, languages: codes };
}

/**
 * Whether a folder is meant to be a sherpa-onnx Whisper export (an encoder graph and a
 * tokens file by their names), so import by content judges it as one and its errors say
 * what a Whisper folder lacks rather than what a diffusers folder would.
 */
export function looksLikeWhisperFolder(entries: readonly { name: string; isFile(): boolean }[]): boolean {
  const files = entries.filter((e) => e.isFile()).map((e) => e.name);
  return files.some((n) => /-encoder(\.int8)?\.onnx$/.test(n)) && files.some((n) => n.endsWith('-tokens.txt'));
}

/** A Silero voice-activity graph shipped beside the model (the catalog's entries carry one), used to cut long audio at pauses. */
function findVadGraph(files: readonly string[]): string | undefined {
  return files.find((n) => /^silero.*vad.*\.onnx$/i.test(n));
}

/** Checks a sherpa-onnx Whisper folder by content; MODEL_INVALID names the first problem. */
export async function checkWhisperFolder(dir: string, label = path.basename(dir)): Promise<WhisperFolderInfo> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) throw invalid(label, 'the folder cannot be read.');
  const files = entries.filter((e) => e.isFile()).map((e) => e.name);
  const encoderName = pick(files, 'encoder');
  const decoderName = pick(files, 'decoder');
  const tokensName = files.find((n) => n.endsWith('-tokens.txt'));
  if (!encoderName || !decoderName || !tokensName) {
    const lacking = [!encoderName && 'an …-encoder.onnx', !decoderName && 'a …-decoder.onnx', !tokensName && 'a …-tokens.txt'].filter(Boolean);
    throw invalid(label, `it has no ${lacking.join(', ')} file.`);
  }
  const encoder = await readGraph(path.join(dir, encoderName), label);
  const outputsMissing = WHISPER_ENCODER_OUTPUTS.filter((name) => !encoder.outputs.includes(name));
  if (encoder.inputs.length !== 1 || outputsMissing.length > 0) {
    throw invalid(label, `${encoderName} is not a Whisper encoder export (one "mel" input, outputs ${WHISPER_ENCODER_OUTPUTS.join(', ')}).`);
  }
  const decoder = await readGraph(path.join(dir, decoderName), label);
  const inOrder = WHISPER_DECODER_INPUTS.every((name, i) => decoder.inputs[i] === name);
  if (!inOrder || decoder.inputs.length !== WHISPER_DECODER_INPUTS.length || decoder.outputs.length < 3 || decoder.outputs[0] !== 'logits') {
    throw invalid(label, `${decoderName} is not a Whisper decoder export (inputs ${WHISPER_DECODER_INPUTS.join(', ')}; first output logits).`);
  }
  const { multilingual, languages } = checkMetadata(encoder.metadata, label, encoderName);
  const tokensStat = await fs.stat(path.join(dir, tokensName));
  if (tokensStat.size === 0) throw invalid(label, `${tokensName} is empty.`);
  const vad = findVadGraph(files);
  return {
    encoder: path.join(dir, encoderName),
    decoder: path.join(dir, decoderName),
    tokens: path.join(dir, tokensName),
    multilingual,
    languages,
    vad: vad ? path.join(dir, vad) : null,
  };
}
