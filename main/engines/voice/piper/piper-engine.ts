import os from 'node:os';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { VOICE_LIMITS } from '../../../../preload/schemas/voice.js';
import { encodeWav, joinWithGaps } from '../../../platform/audio/wav.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import type { Logger } from '../../../platform/log.js';
import type { Engine } from '../../engine.js';
import { checkVoiceText } from '../espeak/espeak-engine.js';
import type { PiperClient } from './piper-client.js';
import { loadPiperConfig, resolveSpeaker, type PiperVoiceConfig } from './piper-config.js';
import { phonemesToIds, phonemizeForPiper } from './piper-phonemes.js';

/** Silence between sentences: Piper's own default (`--sentence_silence 0.2`). */
export const PIPER_SENTENCE_SILENCE_SECONDS = 0.2;

export interface PiperRequest {
  text: string;
  /** The voice's .onnx file (its .onnx.json beside it). */
  voicePath: string;
  /** How messages name the voice: its model id, or the file name. */
  label?: string;
  /** A speaker index, or a name from the voice's speaker_id_map. */
  speaker?: number | string | undefined;
  /** 0.5 to 2 times the voice's normal speed: divides its length scale. */
  rate: number;
}

export interface PiperResult {
  wav: Uint8Array;
  samples: Int16Array;
  sampleRate: number;
  durationMs: number;
  sentences: number;
  speaker: number;
  speakerName?: string;
  voice: PiperVoiceConfig;
  /** What the model was given, for the asset's origin. */
  parameters: { rate: number; noiseScale: number; lengthScale: number; noiseW: number; espeakVoice: string; phonemes: number; missingPhonemes: string[] };
}

/**
 * Piper's float → 16-bit step: each sentence scaled so its loudest sample is full scale
 * (piper's audio_float_to_int16; VITS output level varies by voice), then rounded.
 */
export function sentencePcm(audio: Float32Array): Int16Array {
  let peak = 0;
  for (const value of audio) if (Math.abs(value) > peak) peak = Math.abs(value);
  const scale = 32767 / Math.max(0.01, peak);
  const pcm = new Int16Array(audio.length);
  for (let i = 0; i < audio.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round((audio[i] as number) * scale)));
  return pcm;
}

/**
 * Neural voices: Piper (VITS exported to ONNX) run by onnxruntime-node in an engine host
 * process, phonemes from the built-in espeak-ng. Sentence by sentence, with progress,
 * a short silence between sentences and a cancel check before each.
 */
export class PiperEngine implements Engine<PiperRequest, PiperResult> {
  readonly id = 'piper';
  readonly modality = 'voice' as const;
  readonly name = 'Piper neural voices';
  readonly parameters = [
    { name: 'rate', label: 'Rate', type: 'number', min: VOICE_LIMITS.rate.min, max: VOICE_LIMITS.rate.max, step: 0.05, default: VOICE_LIMITS.rate.default },
    { name: 'speaker', label: 'Speaker', type: 'integer', min: 0, max: 10_000, default: 0 },
  ] as const;

  constructor(
    private readonly client: PiperClient,
    private readonly log?: Logger,
  ) {}

  async availability(): Promise<{ available: boolean; reason?: string }> {
    return { available: true };
  }

  async generate(request: PiperRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<PiperResult> {
    checkVoiceText(request.text);
    const label = request.label ?? path.basename(request.voicePath);
    const voice = await loadPiperConfig(request.voicePath, label);
    const speaker = resolveSpeaker(voice, request.speaker, label);
    const rate = Math.min(VOICE_LIMITS.rate.max, Math.max(VOICE_LIMITS.rate.min, request.rate));
    const scales: [number, number, number] = [voice.noiseScale, voice.lengthScale / rate, voice.noiseW];
    onProgress({ fraction: 0, detail: 'Reading phonemes' });
    const threads = Math.max(1, Math.min(4, os.availableParallelism()));
    const [loaded, sentences] = await Promise.all([
      this.client.load({ path: request.voicePath, label, threads }, signal),
      phonemizeForPiper(request.text, voice.espeakVoice, signal, voice.phonemeMap),
    ]);
    if (voice.numSpeakers > 1 && !loaded.hasSpeakerInput) {
      throw new AtelierError('MODEL_INVALID', `${label} says it has ${voice.numSpeakers} speakers, but its graph takes no speaker id.`);
    }
    if (sentences.length === 0) throw new AtelierError('INVALID_INPUT', 'there is nothing in this text the voice can speak.');
    const gap = Math.round(PIPER_SENTENCE_SILENCE_SECONDS * voice.sampleRate);
    const parts: Int16Array[] = [];
    const missing = new Map<string, number>();
    let phonemes = 0;
    for (const [index, sentence] of sentences.entries()) {
      if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      const mapped = phonemesToIds(sentence.phonemes, voice.phonemeIds);
      for (const [p, n] of mapped.missing) missing.set(p, (missing.get(p) ?? 0) + n);
      phonemes += sentence.phonemes.length;
      const audio = await this.client.synthesize({ path: request.voicePath, ids: mapped.ids, scales, ...(loaded.hasSpeakerInput && { speaker }) }, signal);
      parts.push(sentencePcm(audio));
      onProgress({ fraction: (index + 1) / sentences.length, detail: `Sentence ${index + 1} of ${sentences.length}` });
    }
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    if (missing.size > 0) this.log?.warn('piper', `${label} has no id for ${[...missing.keys()].join(' ')}; skipped as piper does`);
    const samples = joinWithGaps(parts, gap);
    const speakerName = voice.speakers.find((s) => s.id === speaker)?.name;
    return {
      wav: encodeWav(samples, voice.sampleRate),
      samples,
      sampleRate: voice.sampleRate,
      durationMs: Math.round((samples.length / voice.sampleRate) * 1000),
      sentences: sentences.length,
      speaker,
      ...(speakerName && { speakerName }),
      voice,
      parameters: {
        rate,
        noiseScale: scales[0],
        lengthScale: scales[1],
        noiseW: scales[2],
        espeakVoice: voice.espeakVoice,
        phonemes,
        missingPhonemes: [...missing.keys()],
      },
    };
  }

  unload(): Promise<void> {
    return this.client.unload();
  }
}
