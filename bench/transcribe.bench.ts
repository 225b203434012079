import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSherpa } from '../main/engines/listen/sherpa-binding.js';
import { WhisperClient } from '../main/engines/listen/whisper-client.js';
import { transcribeFile } from '../main/core/listen/transcribe-render.js';
import { checkWhisperFolder } from '../main/platform/formats/whisper-folder.js';
import { regularSpans, speechWav, whisperModelFolder } from '../test/support/whisper-model.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(3);
const SECONDS = 120;
const RATE = 16_000;
const THREADS = Math.max(1, Math.min(4, os.availableParallelism()));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Whisper on its fixture: Atelier's path (ffmpeg decodes the WAV to a 16 kHz float file,
 * the engine host reads it in blocks, Silero cuts it at pauses, each stretch is decoded and
 * streamed back over IPC) beside raw sherpa-onnx-node in this process on the same samples
 * already in memory (the same VAD settings, one OfflineRecognizer). The graphs are tiny:
 * this measures the pipeline around the model, not Whisper's inference.
 */
export async function benchTranscribe(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-transcribe-'));
  try {
    const folder = await whisperModelFolder(dir);
    const info = await checkWhisperFolder(folder);
    const spans = regularSpans(SECONDS, 6, 3);
    const wav = await speechWav(path.join(dir, 'speech.wav'), SECONDS, spans, RATE);
    const samples = new Float32Array(Math.round(SECONDS * RATE));
    for (const [from, to] of spans) {
      for (let i = Math.round(from * RATE); i < Math.round(to * RATE); i += 1) {
        const t = i / RATE;
        samples[i] = Math.round(32767 * 0.3 * Math.sin(2 * Math.PI * 127 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 1.7 * t))) / 32768;
      }
    }

    const sherpa = await loadSherpa();
    const recognizer = await sherpa.OfflineRecognizer.createAsync({
      featConfig: { sampleRate: RATE, featureDim: 80 },
      modelConfig: {
        whisper: { encoder: info.encoder, decoder: info.decoder, language: '', task: 'transcribe', tailPaddings: -1 },
        tokens: info.tokens,
        numThreads: THREADS,
        provider: 'cpu',
        debug: 0,
      },
    });
    const raw = async () => {
      const started = performance.now();
      const vad = new sherpa.Vad(
        {
          sileroVad: { model: info.vad, threshold: 0.5, minSilenceDuration: 0.5, minSpeechDuration: 0.25, windowSize: 512, maxSpeechDuration: 28 },
          sampleRate: RATE,
          numThreads: 1,
          provider: 'cpu',
          debug: 0,
        },
        56,
      );
      let segments = 0;
      const drain = async () => {
        while (!vad.isEmpty()) {
          const stream = recognizer.createStream();
          stream.acceptWaveform({ samples: vad.front().samples, sampleRate: RATE });
          if ((await recognizer.decodeAsync(stream)).text.trim()) segments += 1;
          vad.pop();
        }
      };
      for (let at = 0; at < samples.length; at += 512) {
        vad.acceptWaveform(samples.subarray(at, at + 512));
        if (at % (512 * 62) === 0) await drain();
      }
      vad.flush();
      await drain();
      return { ms: performance.now() - started, segments };
    };

    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => undefined };
    const client = new WhisperClient(quiet);
    const model = { label: 'tiny-whisper', dir: folder };
    const atelier = async () => {
      const started = performance.now();
      const made = await transcribeFile(client, wav, { model }, new AbortController().signal, () => undefined);
      return { ms: performance.now() - started, segments: made.segments.length };
    };

    await raw();
    await atelier();
    const rawRuns = [];
    const atelierRuns = [];
    for (let run = 0; run < RUNS; run++) {
      rawRuns.push(await raw());
      atelierRuns.push(await atelier());
    }
    await client.stop();

    const rawMs = median(rawRuns.map((r) => r.ms));
    const atelierMs = median(atelierRuns.map((r) => r.ms));
    report({
      bench: 'transcribe',
      title: `Whisper fixture (tiny-whisper + tiny Silero VAD) on ${SECONDS} s of speech-like sound in ${spans.length} stretches; median of ${RUNS} warm runs`,
      note:
        'Atelier = transcribeFile (ffmpeg decode to a 16 kHz float file, the engine host reading 2 s blocks, VAD, Whisper, IPC), host warm; ' +
        'raw = sherpa-onnx-node in this process on the samples already in memory, same VAD settings. Real time = seconds of audio per second of compute.',
      label: 'measure',
      columns: [{ key: 'atelier', name: 'Atelier transcribe' }, { key: 'raw', name: 'raw sherpa-onnx-node' }, RATIO],
      rows: [
        { label: 'segments', atelier: atelierRuns[0]?.segments ?? 0, raw: rawRuns[0]?.segments ?? 0 },
        { label: 'compute (ms)', atelier: atelierMs, raw: rawMs },
        { label: '× real time', atelier: SECONDS / (atelierMs / 1000), raw: SECONDS / (rawMs / 1000) },
      ],
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
