import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { readOnnxModel } from './onnx-proto.js';
import { readKokoroVocabulary } from './kokoro-tokenizer-file.js';

/**
 * A Kokoro model folder in the layout onnx-community/Kokoro-82M-v1.0-ONNX publishes and
 * kokoro-js loads: `config.json` (`model_type: style_text_to_speech_2`), `tokenizer.json`
 * (the phoneme vocabulary), `onnx/model*.onnx` (one graph per precision: fp32 `model.onnx`,
 * `model_fp16.onnx`, 8-bit `model_quantized.onnx` and `model_q8f16.onnx`, …) and
 * `voices/<id>.bin` (one style pack per voice: float32 [rows, 1, 256], row = token count).
 */
const KOKORO_MODEL_TYPE = 'style_text_to_speech_2';
export const KOKORO_STYLE_DIM = 256;
/** One style row: 256 little-endian float32. */
export const KOKORO_STYLE_ROW_BYTES = KOKORO_STYLE_DIM * 4;
/** Every Kokoro graph takes these (kokoro-js's generate_from_ids) and answers `waveform`. */
export const KOKORO_INPUTS = ['input_ids', 'style', 'speed'] as const;
export const KOKORO_OUTPUT = 'waveform';

/**
 * The graph used when a folder holds several (a full clone of the repository): full
 * precision first, since the fp16 exports are known to give non-finite audio on some
 * CPUs, then the smaller ones.
 */
const KOKORO_GRAPH_ORDER = [
  'model.onnx',
  'model_quantized.onnx',
  'model_fp16.onnx',
  'model_q8f16.onnx',
  'model_uint8.onnx',
  'model_uint8f16.onnx',
  'model_q4.onnx',
  'model_q4f16.onnx',
] as const;

/** A voice pack larger than this is not 510 rows of style: refused before it is read. */
const MAX_VOICE_PACK_BYTES = 8 * 1024 * 1024;

interface KokoroFolderInfo {
  /** The graph to load, relative with forward slashes (`onnx/model.onnx`). */
  graph: string;
  /** Every graph the folder holds, relative. */
  graphs: string[];
  /** Voice ids (`af_heart`), from `voices/<id>.bin`, sorted. */
  voices: string[];
}

function invalid(label: string, reason: string): AtelierError {
  return new AtelierError('MODEL_INVALID', `${label} is not a usable Kokoro model: ${reason}`);
}

/** Whether a folder's top-level names say Kokoro (checked in depth by checkKokoroFolder). */
export function looksLikeKokoroFolder(entries: readonly { name: string; isDirectory(): boolean; isFile(): boolean }[]): boolean {
  const has = (name: string, dir: boolean) => entries.some((e) => e.name === name && (dir ? e.isDirectory() : e.isFile()));
  return has('tokenizer.json', false) && has('voices', true) && has('onnx', true);
}

async function readConfigType(dir: string, label: string): Promise<void> {
  const file = path.join(dir, 'config.json');
  const stat = await fs.stat(file).catch(() => null);
  // kokoro-js reads the model type from config.json; a folder without one is still judged by its graph.
  if (!stat) return;
  if (!stat.isFile() || stat.size > 64 * 1024) throw invalid(label, 'its config.json is not a small settings file.');
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    throw invalid(label, 'its config.json is not valid JSON.');
  }
  const type = (data as { model_type?: unknown } | null)?.model_type;
  if (type !== KOKORO_MODEL_TYPE) throw invalid(label, `its config.json says model_type ${JSON.stringify(type)}, not "${KOKORO_MODEL_TYPE}".`);
}

/** The graph of a folder's `onnx/` files, by KOKORO_GRAPH_ORDER, then by name. */
function pickKokoroGraph(graphs: readonly string[]): string | undefined {
  const names = graphs.map((g) => path.posix.basename(g));
  for (const wanted of KOKORO_GRAPH_ORDER) {
    const at = names.indexOf(wanted);
    if (at >= 0) return graphs[at];
  }
  return [...graphs].sort()[0];
}

async function listVoicePacks(dir: string, label: string): Promise<string[]> {
  const voicesDir = path.join(dir, 'voices');
  const entries = await fs.readdir(voicesDir, { withFileTypes: true }).catch(() => null);
  if (!entries) throw invalid(label, 'it has no voices/ folder.');
  const voices: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || !entry.name.endsWith('.bin')) continue;
    const size = (await fs.stat(path.join(voicesDir, entry.name))).size;
    if (size === 0 || size % KOKORO_STYLE_ROW_BYTES !== 0 || size > MAX_VOICE_PACK_BYTES) {
      throw invalid(label, `voices/${entry.name} is ${size} bytes, not whole rows of ${KOKORO_STYLE_DIM} float32 style values.`);
    }
    voices.push(entry.name.slice(0, -'.bin'.length));
  }
  if (voices.length === 0) throw invalid(label, 'its voices/ folder holds no <voice>.bin style packs.');
  return voices.sort();
}

/**
 * Checks a Kokoro folder by content: the vocabulary parses, config.json (when present)
 * names the Kokoro model type, the chosen graph is ONNX with Kokoro's inputs and output,
 * and every voice pack is whole rows of style. MODEL_INVALID names the first problem.
 */
export async function checkKokoroFolder(dir: string, label = path.basename(dir)): Promise<KokoroFolderInfo> {
  await readConfigType(dir, label);
  await readKokoroVocabulary(path.join(dir, 'tokenizer.json'), label);
  const onnxEntries = await fs.readdir(path.join(dir, 'onnx'), { withFileTypes: true }).catch(() => null);
  if (!onnxEntries) throw invalid(label, 'it has no onnx/ folder.');
  const graphs = onnxEntries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.endsWith('.onnx'))
    .map((e) => `onnx/${e.name}`)
    .sort();
  const graph = pickKokoroGraph(graphs);
  if (!graph) throw invalid(label, 'its onnx/ folder holds no .onnx graph.');
  let info: Awaited<ReturnType<typeof readOnnxModel>>;
  try {
    info = await readOnnxModel(path.join(dir, ...graph.split('/')));
  } catch (error) {
    if (error instanceof AtelierError) throw invalid(label, `${graph} is not a valid ONNX model (${error.message}).`);
    throw error;
  }
  const missing = KOKORO_INPUTS.filter((name) => !info.inputs.includes(name));
  if (missing.length > 0) throw invalid(label, `${graph} lacks the input${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  if (!info.outputs.includes(KOKORO_OUTPUT)) throw invalid(label, `${graph} has no "${KOKORO_OUTPUT}" output.`);
  return { graph, graphs, voices: await listVoicePacks(dir, label) };
}
