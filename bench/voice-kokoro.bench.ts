import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { ensureFixtures } from '../models/fixtures/ensure-fixtures.js';
import { packChunks, tokenizePhonemes, withPads } from '../main/engines/voice/kokoro/kokoro-chunks.js';
import { KokoroClient } from '../main/engines/voice/kokoro/kokoro-client.js';
import { KokoroEngine } from '../main/engines/voice/kokoro/kokoro-engine.js';
import { KOKORO_SAMPLE_RATE } from '../main/engines/voice/kokoro/kokoro-host-api.js';
import { loadKokoroModel } from '../main/engines/voice/kokoro/kokoro-model.js';
import { sentencesOf } from '../main/engines/voice/kokoro/kokoro-normalize.js';
import { phonemizeForKokoro } from '../main/engines/voice/kokoro/kokoro-phonemes.js';
import { readStyleRow, voicePackPath } from '../main/engines/voice/kokoro/kokoro-voice-pack.js';
import { kokoroLanguageOf } from '../main/engines/voice/kokoro/kokoro-voices.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(3);
const TEXT = Array.from({ length: 12 }, (_, i) => `The lamp on pier ${i + 1} flickered, and the fox watched the water for a long while.`).join(' ');
const signal = new AbortController().signal;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Kokoro on its fixture: Atelier's engine (espeak-ng phonemes in a worker, chunks, a style
 * row per chunk, onnxruntime-node in the engine host) beside raw phonemization plus raw
 * `InferenceSession.run` on the same chunks in this process. The graph is tiny: this
 * measures the pipeline around the model, not Kokoro-82M's inference.
 */
export async function benchVoiceKokoro(): Promise<void> {
  const fixtures = await ensureFixtures({ only: ['tiny-kokoro'] });
  const folder = fixtures['tiny-kokoro'] as string;
  const model = await loadKokoroModel(folder);
  const language = kokoroLanguageOf('af_heart');
  const pack = await voicePackPath(folder, 'af_heart', model.voiceIds, 'tiny-kokoro');
  const session = await ort.InferenceSession.create(model.graphPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: Math.min(4, os.availableParallelism()),
  });

  const raw = async () => {
    const started = performance.now();
    const phonemes = await phonemizeForKokoro(sentencesOf(TEXT, language), language, signal);
    const phonemeMs = performance.now() - started;
    const chunks = packChunks(
      phonemes.map((p) => tokenizePhonemes(p, model.vocabulary).ids),
      model.vocabulary,
    );
    let first = 0;
    let samples = 0;
    for (const chunk of chunks) {
      const { style } = await readStyleRow(pack, chunk.length, 'tiny-kokoro');
      const ids = withPads(chunk, model.vocabulary.padId);
      const out = await session.run({
        input_ids: new ort.Tensor(
          'int64',
          BigInt64Array.from(ids, (id) => BigInt(id)),
          [1, ids.length],
        ),
        style: new ort.Tensor('float32', style, [1, style.length]),
        speed: new ort.Tensor('float32', Float32Array.of(1), [1]),
      });
      samples += (out.waveform?.data as Float32Array).length;
      if (first === 0) first = performance.now() - started;
    }
    return { ms: performance.now() - started, first, phonemeMs, samples, chunks: chunks.length };
  };

  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => undefined };
  const client = new KokoroClient(quiet);
  const engine = new KokoroEngine(client, quiet);
  const atelier = async () => {
    const started = performance.now();
    let first = 0;
    const made = await engine.generate({ text: TEXT, modelPath: folder, voice: 'af_heart', rate: 1 }, signal, (update) => {
      if (first === 0 && /^Part 1 of/.test(update.detail ?? '')) first = performance.now() - started;
    });
    return { ms: performance.now() - started, first, samples: made.samples.length };
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
  await session.release();

  const rawMs = median(rawRuns.map((r) => r.ms));
  const atelierMs = median(atelierRuns.map((r) => r.ms));
  const rawAudio = (rawRuns[0]?.samples ?? 0) / KOKORO_SAMPLE_RATE;
  const atelierAudio = (atelierRuns[0]?.samples ?? 0) / KOKORO_SAMPLE_RATE;
  report({
    bench: 'voice-kokoro',
    title: `Kokoro fixture (tiny-kokoro, 24 kHz, af_heart) on ${TEXT.split(/\s+/).length} words, ${rawRuns[0]?.chunks} chunks; median of ${RUNS} warm runs`,
    note:
      'Atelier = its kokoro engine (espeak-ng phonemes in a worker, chunks, style rows, host IPC, onnxruntime, WAV), host warm; raw = the same phonemization plus InferenceSession.run in this process. ' +
      'First audio: from the call to the first chunk’s samples (Atelier: its "Part 1" progress). Atelier’s audio is longer by the silence it puts between chunks.',
    label: 'measure',
    columns: [{ key: 'atelier', name: 'Atelier kokoro engine' }, { key: 'raw', name: 'raw phonemes + InferenceSession.run' }, RATIO],
    rows: [
      { label: 'audio (s)', atelier: atelierAudio, raw: rawAudio },
      { label: 'compute (ms)', atelier: atelierMs, raw: rawMs },
      { label: 'real-time factor', atelier: atelierMs / 1000 / atelierAudio, raw: rawMs / 1000 / rawAudio },
      { label: 'first audio (ms)', atelier: median(atelierRuns.map((r) => r.first)), raw: median(rawRuns.map((r) => r.first)) },
      { label: 'phonemes alone (ms)', raw: median(rawRuns.map((r) => r.phonemeMs)) },
    ],
  });
}
