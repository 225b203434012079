import { AtelierError } from '../../../../preload/errors.js';
import { VOICE_LIMITS, type VoiceInfo, type VoiceList, type VoiceVariant } from '../../../../preload/schemas/voice.js';
import { encodeWav, joinWithGaps } from '../../../platform/audio/wav.js';
import type { ProgressUpdate } from '../../../platform/progress.js';
import type { Engine } from '../../engine.js';
import { packSentences, splitSentences } from '../../../../preload/sentences.js';
import { resolveVoice, wordsPerMinute } from './espeak-voices.js';
import { runEspeakJob } from './espeak-pool.js';

/** espeak-ng's native output rate. */
const ESPEAK_SAMPLE_RATE = 22_050;
/** Text per espeak run: sentences are packed up to this many characters, so progress moves and memory stays small. */
const CHUNK_CHARS = 1000;
/** Silence between chunks, on top of espeak's own pause at a sentence end. */
const GAP_SECONDS = 0.15;

export interface EspeakRequest {
  text: string;
  /** An id (`de`), a name (`German`), optionally `+variant` (`en+f3`). */
  voice: string;
  /** 0.5 to 2 times the normal speed. */
  rate: number;
  /** 0 to 99, 50 normal. */
  pitch: number;
  /** 0 to 2 times normal loudness. */
  volume?: number | undefined;
}

export interface EspeakResult {
  /** The bytes of a 22.05 kHz mono 16-bit WAV file. */
  wav: Uint8Array;
  samples: Int16Array;
  sampleRate: number;
  durationMs: number;
  voice: VoiceInfo;
  variant?: VoiceVariant | undefined;
  /** What espeak-ng was told: the voice name, words a minute, pitch, amplitude. */
  parameters: { voice: string; wordsPerMinute: number; rate: number; pitch: number; volume: number; amplitude: number };
  sentences: number;
}

/** Throws the typed error for text espeak must not be given (empty, or over the limit). */
export function checkVoiceText(text: string): void {
  if (text.length > VOICE_LIMITS.textChars) {
    throw new AtelierError(
      'TOO_LARGE',
      `the text has ${text.length.toLocaleString('en')} characters; the limit is ${VOICE_LIMITS.textChars.toLocaleString('en')}. Split it into several clips.`,
    );
  }
  if (text.trim() === '') throw new AtelierError('INVALID_INPUT', 'there is no text to speak.');
}

let voiceCache: Promise<VoiceList> | undefined;

/** Waits for `promise`, or rejects with CANCELLED as soon as `signal` aborts (the work itself goes on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AtelierError('CANCELLED', 'Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AtelierError('CANCELLED', 'Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * espeak-ng's voices and variants, asked once per process (they are built in). The one
 * run is shared by every caller, so one caller's cancel only stops its own wait.
 */
export function listEspeakVoices(signal: AbortSignal = new AbortController().signal): Promise<VoiceList> {
  voiceCache ??= new Promise<VoiceList>((resolve, reject) => {
    runEspeakJob({ op: 'voices' }, new AbortController().signal, (message) => {
      if (message.type === 'voices')
        resolve({ engine: 'espeak', voices: message.voices, variants: message.variants, aliases: message.aliases, neural: [], kokoro: [] });
    }).catch(reject);
  }).catch((error: unknown) => {
    voiceCache = undefined;
    throw error;
  });
  return untilAborted(voiceCache, signal);
}

/**
 * The built-in voice: espeak-ng compiled to WebAssembly, on the shared warm worker pool
 * (espeak-pool.ts). The voice is resolved here from the cached list; text is split by
 * sentence, rendered chunk by chunk (each chunk streamed back as it is made, with
 * progress), joined with short silences.
 */
export const espeakEngine: Engine<EspeakRequest, EspeakResult> = {
  id: 'espeak',
  modality: 'voice',
  name: 'eSpeak NG (built in)',
  parameters: [
    { name: 'voice', label: 'Voice', type: 'string', maxLength: 120, default: 'en' },
    { name: 'rate', label: 'Rate', type: 'number', min: VOICE_LIMITS.rate.min, max: VOICE_LIMITS.rate.max, step: 0.05, default: VOICE_LIMITS.rate.default },
    { name: 'pitch', label: 'Pitch', type: 'integer', min: VOICE_LIMITS.pitch.min, max: VOICE_LIMITS.pitch.max, default: VOICE_LIMITS.pitch.default },
    {
      name: 'volume',
      label: 'Volume',
      type: 'number',
      min: VOICE_LIMITS.volume.min,
      max: VOICE_LIMITS.volume.max,
      step: 0.05,
      default: VOICE_LIMITS.volume.default,
    },
  ],
  availability: async () => ({ available: true }),
  async generate(request, signal, onProgress: (update: ProgressUpdate) => void): Promise<EspeakResult> {
    checkVoiceText(request.text);
    const chunks = packSentences(splitSentences(request.text), CHUNK_CHARS);
    const sentences = chunks.reduce((n, c) => n + c.length, 0);
    const volume = request.volume ?? VOICE_LIMITS.volume.default;
    const parameters = {
      voice: request.voice,
      wordsPerMinute: wordsPerMinute(request.rate),
      rate: request.rate,
      pitch: Math.round(request.pitch),
      volume,
      amplitude: Math.round(volume * 100),
    };
    const list = await listEspeakVoices(signal);
    const resolved = resolveVoice(request.voice, list.voices, list.variants, list.aliases);
    if (!resolved) throw new AtelierError('NOT_FOUND', `unknown espeak voice '${request.voice}'. Run 'atelier voices' for the list.`);
    parameters.voice = resolved.espeakName;
    const parts: Int16Array[] = [];
    let sampleRate = ESPEAK_SAMPLE_RATE;
    onProgress({ fraction: 0, detail: 'Starting espeak-ng' });
    await runEspeakJob(
      {
        op: 'render',
        voice: resolved.espeakName,
        chunks: chunks.map((c) => c.join(' ')),
        wpm: parameters.wordsPerMinute,
        pitch: parameters.pitch,
        amplitude: parameters.amplitude,
      },
      signal,
      (message) => {
        if (message.type !== 'chunk') return;
        sampleRate = message.sampleRate;
        parts.push(message.samples);
        onProgress({ fraction: (message.index + 1) / chunks.length, detail: `Chunk ${message.index + 1} of ${chunks.length}` });
      },
    );
    const gap = Math.round(GAP_SECONDS * sampleRate);
    const samples = joinWithGaps(parts, gap);
    return {
      wav: encodeWav(samples, sampleRate),
      samples,
      sampleRate,
      durationMs: Math.round((samples.length / sampleRate) * 1000),
      voice: resolved.voice,
      variant: resolved.variant,
      parameters,
      sentences,
    };
  },
};
