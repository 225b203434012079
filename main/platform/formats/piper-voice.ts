import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';
import type { OnnxInfo } from './onnx-proto.js';

/**
 * A Piper voice is two files side by side: `<voice>.onnx` (a VITS graph) and
 * `<voice>.onnx.json` (its phoneme map and audio settings). Neither works alone.
 */
const PiperConfigSchema = z.looseObject({
  audio: z.looseObject({ sample_rate: z.int().min(8000).max(192_000), quality: z.string().optional() }),
  phoneme_id_map: z.record(z.string(), z.array(z.int().nonnegative())).refine((map) => Object.keys(map).length > 0, 'is empty'),
  num_speakers: z.int().positive().optional(),
  dataset: z.string().optional(),
  language: z.looseObject({ code: z.string().optional() }).optional(),
  espeak: z.looseObject({ voice: z.string().optional() }).optional(),
});

interface PiperVoiceInfo {
  onnx: OnnxInfo;
  sampleRate: number;
  speakers: number;
  /** "lessac (en_US, medium)" when the config says so. */
  name?: string;
  language?: string;
}

const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

export function piperConfigPath(onnxPath: string): string {
  return `${onnxPath}.json`;
}

export async function readPiperConfig(jsonPath: string, label = path.basename(jsonPath)): Promise<Omit<PiperVoiceInfo, 'onnx'>> {
  const stat = await fs.stat(jsonPath).catch(() => null);
  if (!stat?.isFile()) {
    throw new AtelierError('MODEL_INVALID', `A Piper voice needs its settings file ${label} beside the .onnx file; it is missing.`);
  }
  if (stat.size > MAX_CONFIG_BYTES) throw new AtelierError('MODEL_INVALID', `${label} is too large to be a Piper voice's settings.`);
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(jsonPath, 'utf8'));
  } catch {
    throw new AtelierError('MODEL_INVALID', `${label} is not valid JSON, so it is not a Piper voice's settings.`);
  }
  const parsed = PiperConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AtelierError('MODEL_INVALID', `${label} is not a Piper voice's settings (${issue?.path.join('.') || 'root'}: ${issue?.message}).`);
  }
  const config = parsed.data;
  const language = config.language?.code ?? config.espeak?.voice;
  const name = config.dataset
    ? `${config.dataset}${language || config.audio.quality ? ` (${[language, config.audio.quality].filter(Boolean).join(', ')})` : ''}`
    : undefined;
  return {
    sampleRate: config.audio.sample_rate,
    speakers: config.num_speakers ?? 1,
    ...(name && { name }),
    ...(language && { language }),
  };
}
