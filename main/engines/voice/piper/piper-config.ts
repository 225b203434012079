import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AtelierError } from '../../../../preload/errors.js';
import type { VoiceSpeaker } from '../../../../preload/schemas/voice.js';

/**
 * A Piper voice's `.onnx.json`, as Piper itself reads it (piper/src/python_run/piper/config.py):
 * the audio rate, the espeak-ng voice that makes its phonemes, the phoneme → id table,
 * the VITS noise and length scales, and its speakers. Unknown fields are kept out of the way.
 */
const PiperConfigFileSchema = z.looseObject({
  audio: z.looseObject({ sample_rate: z.int().min(8000).max(192_000), quality: z.string().optional() }),
  espeak: z.looseObject({ voice: z.string().min(1).max(40) }).optional(),
  phoneme_type: z.string().optional(),
  inference: z
    .looseObject({
      noise_scale: z.number().min(0).max(10).optional(),
      length_scale: z.number().positive().max(10).optional(),
      noise_w: z.number().min(0).max(10).optional(),
    })
    .optional(),
  phoneme_id_map: z.record(z.string(), z.array(z.int().nonnegative())),
  phoneme_map: z.record(z.string(), z.array(z.string())).optional(),
  num_speakers: z.int().positive().max(100_000).optional(),
  speaker_id_map: z.record(z.string(), z.int().nonnegative()).optional(),
  dataset: z.string().optional(),
  language: z.looseObject({ code: z.string().optional() }).optional(),
});

/** Piper's defaults when a config leaves them out (piper/src/cpp/piper.hpp). */
const PIPER_DEFAULT_SCALES = { noiseScale: 0.667, lengthScale: 1, noiseW: 0.8 } as const;

export interface PiperVoiceConfig {
  /** The .onnx file. */
  onnxPath: string;
  sampleRate: number;
  /** The espeak-ng voice that phonemizes text for this voice (`en-us`). */
  espeakVoice: string;
  noiseScale: number;
  lengthScale: number;
  noiseW: number;
  /** One phoneme (a single code point after NFD) → its ids. */
  phonemeIds: ReadonlyMap<string, readonly number[]>;
  /** Phoneme substitutions some languages need before the id lookup (pt-br: c → k). */
  phonemeMap: ReadonlyMap<string, readonly string[]>;
  /** Empty for a single-speaker voice. */
  speakers: VoiceSpeaker[];
  numSpeakers: number;
  /** "lessac", from `dataset`. */
  name?: string;
  quality?: string;
  /** "en_US" when the config says; otherwise the espeak voice. */
  language: string;
}

const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** Piper's own markers that every id map must hold: pad, beginning and end of sentence. */
export const PIPER_PAD = '_';
export const PIPER_BOS = '^';
export const PIPER_EOS = '$';

function invalid(label: string, reason: string): AtelierError {
  return new AtelierError('MODEL_INVALID', `${label} is not a usable Piper voice: ${reason}`);
}

/** The speakers of a multi-speaker voice by index: named from speaker_id_map where it names them. */
function speakersOf(count: number, map: Record<string, number> | undefined): VoiceSpeaker[] {
  if (count <= 1) return [];
  const names = new Map<number, string>();
  for (const [name, id] of Object.entries(map ?? {})) if (id < count && !names.has(id)) names.set(id, name);
  return Array.from({ length: count }, (_, id) => ({ id, name: names.get(id) ?? `Speaker ${id}` }));
}

/** Reads and checks `<voice>.onnx.json` beside `onnxPath`; MODEL_INVALID with the reason when it is not a Piper config. */
export async function loadPiperConfig(onnxPath: string, label = path.basename(onnxPath)): Promise<PiperVoiceConfig> {
  const jsonPath = `${onnxPath}.json`;
  const stat = await fs.stat(jsonPath).catch(() => null);
  if (!stat?.isFile()) throw invalid(label, `its settings file ${path.basename(jsonPath)} is missing beside it.`);
  if (stat.size > MAX_CONFIG_BYTES) throw invalid(label, `${path.basename(jsonPath)} is too large to be a Piper voice's settings.`);
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(jsonPath, 'utf8'));
  } catch {
    throw invalid(label, `${path.basename(jsonPath)} is not valid JSON.`);
  }
  const parsed = PiperConfigFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(label, `${path.basename(jsonPath)} has a bad ${issue?.path.join('.') || 'root'} (${issue?.message}).`);
  }
  const config = parsed.data;
  if (config.phoneme_type !== undefined && config.phoneme_type !== 'espeak') {
    throw new AtelierError('MODEL_UNSUPPORTED', `${label} reads "${config.phoneme_type}" phonemes; Atelier runs Piper voices that use espeak-ng phonemes.`);
  }
  for (const marker of [PIPER_PAD, PIPER_BOS, PIPER_EOS]) {
    if (!config.phoneme_id_map[marker]?.length) throw invalid(label, `its phoneme_id_map has no "${marker}".`);
  }
  const numSpeakers = config.num_speakers ?? 1;
  const language = config.language?.code ?? config.espeak?.voice ?? 'en-us';
  return {
    onnxPath,
    sampleRate: config.audio.sample_rate,
    espeakVoice: config.espeak?.voice ?? 'en-us',
    noiseScale: config.inference?.noise_scale ?? PIPER_DEFAULT_SCALES.noiseScale,
    lengthScale: config.inference?.length_scale ?? PIPER_DEFAULT_SCALES.lengthScale,
    noiseW: config.inference?.noise_w ?? PIPER_DEFAULT_SCALES.noiseW,
    phonemeIds: new Map(Object.entries(config.phoneme_id_map)),
    phonemeMap: new Map(Object.entries(config.phoneme_map ?? {})),
    speakers: speakersOf(numSpeakers, config.speaker_id_map),
    numSpeakers,
    ...(config.dataset && { name: config.dataset }),
    ...(config.audio.quality && { quality: config.audio.quality }),
    language,
  };
}

/**
 * The speaker index a request means: a number within range, or a name from the voice's
 * speaker list. Single-speaker voices take only speaker 0 (or none).
 */
export function resolveSpeaker(voice: Pick<PiperVoiceConfig, 'numSpeakers' | 'speakers'>, wanted: number | string | undefined, label: string): number {
  if (wanted === undefined) return 0;
  if (typeof wanted === 'string') {
    const byName = voice.speakers.find((s) => s.name.toLowerCase() === wanted.trim().toLowerCase());
    if (byName) return byName.id;
    if (/^\d+$/.test(wanted.trim())) return resolveSpeaker(voice, Number(wanted.trim()), label);
    const known =
      voice.speakers.length > 0
        ? ` Its speakers: ${voice.speakers
            .slice(0, 12)
            .map((s) => s.name)
            .join(', ')}${voice.speakers.length > 12 ? '…' : ''}.`
        : '';
    throw new AtelierError('NOT_FOUND', `${label} has no speaker named "${wanted}".${known}`);
  }
  if (voice.numSpeakers <= 1 && wanted !== 0) throw new AtelierError('INVALID_INPUT', `${label} has a single speaker; leave the speaker out (or use 0).`);
  if (wanted >= voice.numSpeakers)
    throw new AtelierError('INVALID_INPUT', `${label} has ${voice.numSpeakers} speakers (0 to ${voice.numSpeakers - 1}); there is no speaker ${wanted}.`);
  return wanted;
}
