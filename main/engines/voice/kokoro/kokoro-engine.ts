import os from 'node:os';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { VOICE_LIMITS } from '../../../../preload/schemas/voice.js';
import { encodeWav, joinWithGaps, toInt16 } from '../../../platform/audio/wav.js';
import type { Logger } from '../../../platform/log.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import type { Engine } from '../../engine.js';
import { checkVoiceText } from '../espeak/espeak-engine.js';
import { packChunks, tokenizePhonemes, withPads } from './kokoro-chunks.js';
import type { KokoroClient } from './kokoro-client.js';
import { KOKORO_SAMPLE_RATE } from './kokoro-host-api.js';
import { loadKokoroModel } from './kokoro-model.js';
import { sentencesOf } from './kokoro-normalize.js';
import { phonemizeForKokoro } from './kokoro-phonemes.js';
import { readStyleRow, voicePackPath } from './kokoro-voice-pack.js';
import { describeKokoroVoice, kokoroLanguageOf, type KokoroVoiceInfo } from './kokoro-voices.js';

/**
 * Silence between chunks. Sentences inside a chunk get their pauses from the model;
 * between chunks it starts afresh, so a short breath keeps them from running together.
 */
export const KOKORO_CHUNK_SILENCE_SECONDS = 0.15;
/** The voice kokoro-js speaks with when none is named. */
const KOKORO_DEFAULT_VOICE = 'af_heart';

export interface KokoroRequest {
  text: string;
  /** The model folder (onnx/, voices/, tokenizer.json). */
  modelPath: string;
  /** How messages name the model: its id, or the folder name. */
  label?: string;
  /** A voice pack id in the folder's voices/ (af_heart). */
  voice?: string;
  /** 0.5 to 2 times normal speed: Kokoro's own `speed` input. */
  rate: number;
}

interface KokoroResult {
  wav: Uint8Array;
  samples: Int16Array;
  sampleRate: number;
  durationMs: number;
  /** Model runs (chunks of at most 510 phonemes). */
  chunks: number;
  voice: KokoroVoiceInfo;
  /** What the model was given, for the asset's origin. */
  parameters: { speed: number; graph: string; espeakVoice: string; phonemes: number; styleRows: number[]; droppedPhonemes: string[] };
}

/**
 * Kokoro-82M voices on onnxruntime-node in an engine host process, phonemes from the
 * built-in espeak-ng as kokoro-js makes them. Text is cut into sentences, phonemized in
 * one espeak run, packed into chunks within the model's context; each chunk runs with
 * its voice's style row for its phoneme count, with a cancel check before each.
 */
export class KokoroEngine implements Engine<KokoroRequest, KokoroResult> {
  readonly id = 'kokoro';
  readonly modality = 'voice' as const;
  readonly name = 'Kokoro neural voices';
  readonly parameters = [
    { name: 'rate', label: 'Speed', type: 'number', min: VOICE_LIMITS.rate.min, max: VOICE_LIMITS.rate.max, step: 0.05, default: VOICE_LIMITS.rate.default },
    { name: 'voice', label: 'Voice', type: 'string', maxLength: 64, default: KOKORO_DEFAULT_VOICE },
  ] as const;

  constructor(
    private readonly client: KokoroClient,
    private readonly log?: Logger,
  ) {}

  async availability(): Promise<{ available: boolean; reason?: string }> {
    return { available: true };
  }

  async generate(request: KokoroRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<KokoroResult> {
    checkVoiceText(request.text);
    const label = request.label ?? path.basename(request.modelPath);
    const model = await loadKokoroModel(request.modelPath, label);
    const voiceId = request.voice ?? KOKORO_DEFAULT_VOICE;
    const packPath = await voicePackPath(model.folder, voiceId, model.voiceIds, label);
    const language = kokoroLanguageOf(voiceId);
    const speed = Math.min(VOICE_LIMITS.rate.max, Math.max(VOICE_LIMITS.rate.min, request.rate));
    const sentences = sentencesOf(request.text, language);
    onProgress({ fraction: 0, detail: 'Reading phonemes' });
    const threads = Math.max(1, Math.min(4, os.availableParallelism()));
    const [, phonemes] = await Promise.all([
      this.client.load({ path: model.graphPath, label, threads }, signal),
      phonemizeForKokoro(sentences, language, signal),
    ]);
    const dropped = new Map<string, number>();
    const tokenized = phonemes.map((p) => {
      const result = tokenizePhonemes(p, model.vocabulary);
      for (const [ch, n] of result.dropped) dropped.set(ch, (dropped.get(ch) ?? 0) + n);
      return result.ids;
    });
    const chunks = packChunks(tokenized, model.vocabulary);
    if (chunks.length === 0) throw new AtelierError('INVALID_INPUT', 'there is nothing in this text the voice can speak.');
    const parts: Int16Array[] = [];
    const styleRows: number[] = [];
    for (const [index, chunk] of chunks.entries()) {
      if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      const { style, row } = await readStyleRow(packPath, chunk.length, label);
      styleRows.push(row);
      const audio = await this.client.synthesize({ path: model.graphPath, label, threads, ids: withPads(chunk, model.vocabulary.padId), style, speed }, signal);
      parts.push(toInt16(audio));
      onProgress({ fraction: (index + 1) / chunks.length, detail: `Part ${index + 1} of ${chunks.length}` });
    }
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    if (dropped.size > 0) this.log?.warn('kokoro', `${label} has no id for ${[...dropped.keys()].join(' ')}; left out as Kokoro's tokenizer does`);
    const samples = joinWithGaps(parts, Math.round(KOKORO_CHUNK_SILENCE_SECONDS * KOKORO_SAMPLE_RATE));
    return {
      wav: encodeWav(samples, KOKORO_SAMPLE_RATE),
      samples,
      sampleRate: KOKORO_SAMPLE_RATE,
      durationMs: Math.round((samples.length / KOKORO_SAMPLE_RATE) * 1000),
      chunks: chunks.length,
      voice: describeKokoroVoice(voiceId),
      parameters: {
        speed,
        graph: model.graph,
        espeakVoice: language.espeak,
        phonemes: chunks.reduce((n, c) => n + c.length, 0),
        styleRows,
        droppedPhonemes: [...dropped.keys()],
      },
    };
  }

  unload(): Promise<void> {
    return this.client.unload();
  }
}
