import path from 'node:path';
import { checkKokoroFolder } from '../../../platform/formats/kokoro-folder.js';
import { readKokoroVocabulary, type KokoroVocabulary } from '../../../platform/formats/kokoro-tokenizer-file.js';
import { describeKokoroVoice, type KokoroVoiceInfo } from './kokoro-voices.js';

/** A Kokoro model folder as the engine uses it: its graph, vocabulary and voices. */
interface KokoroModel {
  folder: string;
  /** Absolute path of the graph the engine loads (KOKORO_GRAPH_ORDER picks one). */
  graphPath: string;
  /** Relative, for the asset's origin: `onnx/model_q8f16.onnx`. */
  graph: string;
  vocabulary: KokoroVocabulary;
  /** Voice ids, sorted. */
  voiceIds: string[];
}

/** Checks and reads a Kokoro folder; MODEL_INVALID (from the format check) names what is wrong. */
export async function loadKokoroModel(folder: string, label = path.basename(folder)): Promise<KokoroModel> {
  const info = await checkKokoroFolder(folder, label);
  const vocabulary = await readKokoroVocabulary(path.join(folder, 'tokenizer.json'), label);
  return { folder, graphPath: path.join(folder, ...info.graph.split('/')), graph: info.graph, vocabulary, voiceIds: info.voices };
}

/** The voices of an installed Kokoro folder with the language and gender their ids say, for the Models tab and voice pickers. */
export async function listKokoroVoices(folder: string, label?: string): Promise<KokoroVoiceInfo[]> {
  const model = await loadKokoroModel(folder, label);
  return model.voiceIds.map(describeKokoroVoice);
}
