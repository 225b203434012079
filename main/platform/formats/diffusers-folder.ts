import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { readOnnxModel } from './onnx-proto.js';

/**
 * A Stable Diffusion pipeline exported to ONNX in the diffusers layout (what optimum
 * and ONNX Runtime's exporters write): `model_index.json`, one folder per component
 * with a `model.onnx` (plus `model.onnx_data` when the weights are external), and the
 * CLIP tokenizer's vocabulary and merges.
 */
const DIFFUSERS_ONNX_PARTS = ['text_encoder/model.onnx', 'unet/model.onnx', 'vae_decoder/model.onnx'] as const;
const DIFFUSERS_TOKENIZER_PARTS = ['tokenizer/vocab.json', 'tokenizer/merges.txt'] as const;
/** The file a diffusers model's checksum names: the UNet holds what makes it this model. */
export const DIFFUSERS_MAIN_FILE = 'unet/model.onnx';

interface DiffusersInfo {
  pipeline?: string;
  name?: string;
}

export async function checkDiffusersFolder(dir: string, label = path.basename(dir)): Promise<DiffusersInfo> {
  const indexFile = path.join(dir, 'model_index.json');
  let index: unknown;
  try {
    index = JSON.parse(await fs.readFile(indexFile, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AtelierError(
      'MODEL_INVALID',
      missing ? `${label} is not a diffusers ONNX model: it has no model_index.json.` : `${label}/model_index.json is not valid JSON.`,
    );
  }
  if (typeof index !== 'object' || index === null || Array.isArray(index)) {
    throw new AtelierError('MODEL_INVALID', `${label}/model_index.json does not describe a pipeline.`);
  }
  for (const part of DIFFUSERS_ONNX_PARTS) {
    const file = path.join(dir, ...part.split('/'));
    try {
      await readOnnxModel(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AtelierError('MODEL_INVALID', `${label} is not a complete diffusers ONNX model: ${part} is missing.`);
      }
      if (error instanceof AtelierError) throw new AtelierError('MODEL_INVALID', `${label}/${part} is not a valid ONNX model: ${error.message}.`);
      throw error;
    }
  }
  for (const part of DIFFUSERS_TOKENIZER_PARTS) {
    const stat = await fs.stat(path.join(dir, ...part.split('/'))).catch(() => null);
    if (!stat?.isFile() || stat.size === 0) {
      throw new AtelierError('MODEL_INVALID', `${label} is not a complete diffusers ONNX model: ${part} is missing.`);
    }
  }
  const record = index as Record<string, unknown>;
  const pipeline = typeof record._class_name === 'string' ? record._class_name : undefined;
  const name = typeof record._name_or_path === 'string' ? record._name_or_path : undefined;
  return { ...(pipeline && { pipeline }), ...(name && { name }) };
}
