import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelFormat, ModelModality } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { checkDiffusersFolder, DIFFUSERS_MAIN_FILE } from './diffusers-folder.js';
import { checkKokoroFolder } from './kokoro-folder.js';
import { classifyFolder, FOLDER_EXPECTED } from './model-folder.js';
import { hasGgufMagic, readGgufHeader } from './gguf-header.js';
import { ggufModality } from './gguf-modality.js';
import { readOnnxModel } from './onnx-proto.js';
import { checkWhisperFolder } from './whisper-folder.js';
import { piperConfigPath, readPiperConfig } from './piper-voice.js';

/** What a file or folder turned out to be, judged by its content. */
export interface DetectedModel {
  format: ModelFormat;
  modality: ModelModality;
  /** A name from the model's own metadata, when it has one. */
  name?: string;
  /** The folder the files below are relative to. */
  root: string;
  /** Every file of the model, relative to root, with forward slashes. */
  files: string[];
  /** The file the checksum names (the .gguf, the voice's .onnx, unet/model.onnx). */
  mainFile: string;
  /** What an engine loads, relative to root: the main file, or '' for a whole folder. */
  entry: string;
}

/** What each format makes; a GGUF is text or embeddings by its header (gguf-modality.ts). */
export const MODALITIES_OF: Record<ModelFormat, readonly ModelModality[]> = {
  gguf: ['text', 'embedding'],
  'diffusers-onnx': ['image'],
  piper: ['voice'],
  kokoro: ['voice'],
  'upscaler-onnx': ['upscaler'],
  'whisper-onnx': ['speech-to-text'],
};

const NOT_A_MODEL =
  'Atelier can use a GGUF file (text or embeddings), a Piper voice (.onnx with its .onnx.json beside it, or the folder holding both), a Kokoro model folder (voices), a sherpa-onnx Whisper folder (transcription), a diffusers ONNX folder (images) or a single-input .onnx upscaler.';

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function checkGguf(file: string, label: string): Promise<{ name: string | undefined; modality: ModelModality }> {
  try {
    const header = await readGgufHeader(file);
    return { name: header.name, modality: ggufModality(header) };
  } catch (error) {
    if (error instanceof AtelierError) throw new AtelierError('MODEL_INVALID', `${label} is not a valid GGUF model: ${error.message}.`);
    throw error;
  }
}

/** Lists a folder's regular files (no dotfiles, no links), relative and sorted. */
async function listModelFiles(root: string, limit = 10_000): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, prefix: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(path.join(dir, entry.name), rel);
      else if (entry.isFile()) out.push(rel);
      if (out.length > limit) throw new AtelierError('MODEL_INVALID', `That folder holds more than ${limit} files; it is not a model.`);
    }
  };
  await visit(root, '');
  return out.sort();
}

async function detectDiffusersFolder(target: string, label: string): Promise<DetectedModel> {
  const info = await checkDiffusersFolder(target, label);
  return {
    format: 'diffusers-onnx',
    modality: 'image',
    ...(info.name && { name: info.name }),
    root: target,
    files: await listModelFiles(target),
    mainFile: DIFFUSERS_MAIN_FILE,
    entry: '',
  };
}

/** A Kokoro folder as a model: the whole folder is what the engine loads; its graph is checksummed. */
async function detectKokoroFolder(target: string, label: string): Promise<DetectedModel> {
  const info = await checkKokoroFolder(target, label);
  return { format: 'kokoro', modality: 'voice', name: 'Kokoro', root: target, files: await listModelFiles(target), mainFile: info.graph, entry: '' };
}

/** A sherpa-onnx Whisper export: the engine loads the folder; the encoder (which carries the metadata) is checksummed. */
async function detectWhisperFolder(target: string, label: string): Promise<DetectedModel> {
  const info = await checkWhisperFolder(target, label);
  const name = path.basename(info.encoder).replace(/-encoder(\.int8)?\.onnx$/, '');
  return {
    format: 'whisper-onnx',
    modality: 'speech-to-text',
    name: `Whisper ${name}`,
    root: target,
    files: await listModelFiles(target),
    mainFile: path.basename(info.encoder),
    entry: '',
  };
}

/**
 * Judges a file or folder by its content, never its extension: a GGUF header, an ONNX
 * protobuf with a Piper settings file beside it, or a folder holding a Piper voice or a
 * diffusers pipeline.
 * `label` names the thing in messages (an upload's original name, say).
 */
export async function detectModel(target: string, label = path.basename(target)): Promise<DetectedModel> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) throw new AtelierError('NOT_FOUND', `${label} does not exist.`);
  if (stat.isDirectory()) {
    const folder = await classifyFolder(target, label);
    if (folder.kind === 'piper') {
      const voice = await detectModel(folder.onnx, `${label}/${path.basename(folder.onnx)}`);
      if (voice.format !== 'piper') throw new AtelierError('MODEL_INVALID', `${label}/${path.basename(folder.onnx)} is not a Piper voice. ${FOLDER_EXPECTED}`);
      return voice;
    }
    if (folder.kind === 'kokoro') return detectKokoroFolder(target, label);
    if (folder.kind === 'whisper') return detectWhisperFolder(target, label);
    return detectDiffusersFolder(target, label);
  }
  if (!stat.isFile()) throw new AtelierError('MODEL_INVALID', `${label} is not a regular file. ${NOT_A_MODEL}`);
  // The settings half of a Piper voice stands for the pair.
  if (target.endsWith('.onnx.json')) return detectModel(target.slice(0, -'.json'.length), label.replace(/\.json$/, ''));

  const root = path.dirname(target);
  const base = path.basename(target);
  if (hasGgufMagic(await readHead(target))) {
    const { name, modality } = await checkGguf(target, label);
    return { format: 'gguf', modality, ...(name && { name }), root, files: [base], mainFile: base, entry: base };
  }
  let graph;
  try {
    graph = await readOnnxModel(target);
  } catch (error) {
    if (error instanceof AtelierError) throw new AtelierError('MODEL_INVALID', `${label} is not a model Atelier recognises. ${NOT_A_MODEL}`);
    throw error;
  }
  // One image in, one image out and no Piper settings beside it: an upscaler (Real-ESRGAN exports
  // look like this; Piper voices take three inputs). ONNX Runtime checks the shapes when it loads.
  const piperJson = piperConfigPath(target);
  const imageToImage = graph.inputRanks.length === 1 && graph.inputRanks[0] === 4 && graph.outputRanks.length === 1 && graph.outputRanks[0] === 4;
  if (imageToImage && !(await fs.stat(piperJson).catch(() => null))) {
    return { format: 'upscaler-onnx', modality: 'upscaler', name: base.replace(/\.onnx$/i, ''), root, files: [base], mainFile: base, entry: base };
  }
  const config = await readPiperConfig(piperJson, `${label}.json`);
  return {
    format: 'piper',
    modality: 'voice',
    ...(config.name && { name: config.name }),
    root,
    files: [base, `${base}.json`],
    mainFile: base,
    entry: base,
  };
}

/**
 * Checks a downloaded model's folder against the format its catalog entry promised,
 * so an error page saved under a model's name is refused before it is installed.
 */
export async function checkModelFolder(format: ModelFormat, root: string, files: string[], label: string): Promise<DetectedModel> {
  if (format === 'diffusers-onnx') {
    // The catalog promised a pipeline, so it is judged as one: its errors name what is missing.
    const detected = await detectDiffusersFolder(root, label);
    return { ...detected, files };
  }
  if (format === 'kokoro') {
    const detected = await detectKokoroFolder(root, label);
    return { ...detected, files };
  }
  if (format === 'whisper-onnx') {
    const detected = await detectWhisperFolder(root, label);
    return { ...detected, files };
  }
  const wanted = format === 'gguf' ? (files.find((f) => f.endsWith('.gguf')) ?? files[0]) : files.find((f) => f.endsWith('.onnx'));
  if (!wanted) throw new AtelierError('MODEL_INVALID', `${label} has no ${format === 'gguf' ? '.gguf' : '.onnx'} file.`);
  const detected = await detectModel(path.join(root, ...wanted.split('/')), label);
  if (detected.format !== format) {
    throw new AtelierError('MODEL_INVALID', `${label} was meant to be a ${format} model but its content is ${detected.format}.`);
  }
  const prefix = path.posix.dirname(wanted) === '.' ? '' : `${path.posix.dirname(wanted)}/`;
  return {
    ...detected,
    root,
    files,
    mainFile: `${prefix}${detected.mainFile}`,
    entry: `${prefix}${detected.entry}`,
  };
}
