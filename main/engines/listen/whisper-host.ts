/**
 * The Whisper listening engine's host process: sherpa-onnx runs Whisper (and the Silero
 * voice-activity detector) here, never in main, because it carries its own onnxruntime
 * and ends its process on some malformed models. Main decodes the input to raw 16 kHz
 * float samples in a file; this host reads it a block at a time, cuts it into stretches
 * of speech, and streams each stretch's words back as it hears them.
 */
import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';
import { serveEngine } from '../../platform/engine-host/serve-engine.js';
import { loadSherpa, type SherpaRecognizer } from './sherpa-binding.js';
import { quietestCut } from './speech-windows.js';
import {
  WHISPER_PROTOCOL,
  WHISPER_SAMPLE_RATE,
  type WhisperHostEvent,
  type WhisperHostResult,
  type WhisperHostTranscribeParams,
  type WhisperSegment,
} from './whisper-host-api.js';

/** Whisper hears at most 30 s at once; stretches are kept a little shorter. */
const MAX_STRETCH_SECONDS = 28;
/** Silero VAD v5's window at 16 kHz. */
const VAD_WINDOW = 512;
/** Samples read per block: 2 s, a whole number of the detector's windows. */
const BLOCK_SAMPLES = VAD_WINDOW * 62;
/** Below this RMS a fixed window is digital silence and is not sent to Whisper (which would invent words). */
const SILENT_RMS = 1e-4;

let cached: { key: string; recognizer: SherpaRecognizer } | undefined;

async function recognizerFor(params: WhisperHostTranscribeParams): Promise<SherpaRecognizer> {
  const { model, language, task, threads } = params;
  const key = JSON.stringify([model.encoder, model.decoder, model.tokens, language, task, threads]);
  if (cached?.key === key) return cached.recognizer;
  cached = undefined;
  const recognizer = await (
    await loadSherpa()
  ).OfflineRecognizer.createAsync({
    featConfig: { sampleRate: WHISPER_SAMPLE_RATE, featureDim: 80 },
    modelConfig: {
      whisper: { encoder: model.encoder, decoder: model.decoder, language, task, tailPaddings: -1 },
      tokens: model.tokens,
      numThreads: threads,
      provider: 'cpu',
      debug: 0,
    },
  });
  cached = { key, recognizer };
  return recognizer;
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

async function* blocks(file: string, signal: AbortSignal): AsyncGenerator<Float32Array> {
  const handle = await fs.open(file, 'r');
  try {
    const bytes = Buffer.alloc(BLOCK_SAMPLES * 4);
    for (;;) {
      signal.throwIfAborted();
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, null);
      const whole = bytesRead - (bytesRead % 4);
      if (whole === 0) return;
      // A copy: the buffer is reused for the next block, and the detector keeps what it is given.
      yield new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + whole));
    }
  } finally {
    await handle.close();
  }
}

async function transcribe(params: WhisperHostTranscribeParams, signal: AbortSignal, emit: (event: WhisperHostEvent) => void): Promise<WhisperHostResult> {
  const recognizer = await recognizerFor(params);
  const segments: WhisperSegment[] = [];
  let language = '';
  const hear = async (samples: Float32Array, startSample: number) => {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    const stream = recognizer.createStream();
    stream.acceptWaveform({ samples, sampleRate: WHISPER_SAMPLE_RATE });
    const result = await recognizer.decodeAsync(stream);
    const text = result.text.trim();
    if (!text) return;
    const start = startSample / WHISPER_SAMPLE_RATE;
    const segment = { start, end: start + samples.length / WHISPER_SAMPLE_RATE, text, language: result.lang };
    language ||= result.lang;
    segments.push(segment);
    emit({ type: 'segment', segment });
  };
  let read = 0;
  const progress = (samples: number) => {
    read = samples;
    emit({ type: 'progress', seconds: samples / WHISPER_SAMPLE_RATE });
  };
  try {
    if (params.vad) await byVoiceActivity(params.vad, params.pcm, signal, hear, progress);
    else await byQuietestCut(params.pcm, signal, hear, progress);
  } catch (error) {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    throw error;
  }
  return { language, duration: read / WHISPER_SAMPLE_RATE, segments };
}

type Hear = (samples: Float32Array, startSample: number) => Promise<void>;

/** Stretches where the detector hears speech, each at most MAX_STRETCH_SECONDS. */
async function byVoiceActivity(model: string, pcm: string, signal: AbortSignal, hear: Hear, progress: (samples: number) => void): Promise<void> {
  const { Vad } = await loadSherpa();
  const vad = new Vad(
    {
      sileroVad: { model, threshold: 0.5, minSilenceDuration: 0.5, minSpeechDuration: 0.25, windowSize: VAD_WINDOW, maxSpeechDuration: MAX_STRETCH_SECONDS },
      sampleRate: WHISPER_SAMPLE_RATE,
      numThreads: 1,
      provider: 'cpu',
      debug: 0,
    },
    MAX_STRETCH_SECONDS * 2,
  );
  const drain = async () => {
    while (!vad.isEmpty()) {
      const { start, samples } = vad.front();
      // front() may share the detector's buffer; pop only after Whisper is done with it.
      await hear(samples, start);
      vad.pop();
    }
  };
  let read = 0;
  for await (const block of blocks(pcm, signal)) {
    // The detector is given exactly one window at a time, as sherpa-onnx's own examples do:
    // given a longer array, it misplaces the start of speech.
    for (let at = 0; at < block.length; at += VAD_WINDOW) vad.acceptWaveform(block.subarray(at, at + VAD_WINDOW));
    read += block.length;
    await drain();
    progress(read);
  }
  vad.flush();
  await drain();
}

/** Without a detector: windows of MAX_STRETCH_SECONDS, each cut at its quietest moment near the end. */
async function byQuietestCut(pcm: string, signal: AbortSignal, hear: Hear, progress: (samples: number) => void): Promise<void> {
  const limit = MAX_STRETCH_SECONDS * WHISPER_SAMPLE_RATE;
  let pending = new Float32Array(0);
  let pendingStart = 0;
  let read = 0;
  const send = async (samples: Float32Array) => {
    if (rms(samples) >= SILENT_RMS) await hear(samples, pendingStart);
  };
  for await (const block of blocks(pcm, signal)) {
    const joined = new Float32Array(pending.length + block.length);
    joined.set(pending);
    joined.set(block, pending.length);
    pending = joined;
    read += block.length;
    while (pending.length >= limit) {
      const cut = quietestCut(pending.subarray(0, limit), WHISPER_SAMPLE_RATE);
      await send(pending.subarray(0, cut));
      pending = pending.slice(cut);
      pendingStart += cut;
    }
    progress(read);
  }
  if (pending.length > 0) await send(pending);
}

serveEngine(WHISPER_PROTOCOL, {
  transcribe: (params, { signal, emit }) => transcribe(params, signal, emit),
  unload: async () => {
    cached = undefined;
    return null;
  },
});
