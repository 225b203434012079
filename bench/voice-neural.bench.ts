import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ESpeakNg from 'espeak-ng';
import * as ort from 'onnxruntime-node';
import { ensureFixtures } from '../models/fixtures/ensure-fixtures.js';
import { PiperClient } from '../main/engines/voice/piper/piper-client.js';
import { loadPiperConfig } from '../main/engines/voice/piper/piper-config.js';
import { PiperEngine, sentencePcm } from '../main/engines/voice/piper/piper-engine.js';
import { phonemesToIds, phonemizeForPiper } from '../main/engines/voice/piper/piper-phonemes.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(5);
const TEXT = [
  'The harbour was quiet when the last ferry came in, and the lamps along the pier were already lit.',
  'A boy on the jetty counted the gulls, lost count, and started again from the beginning.',
  'His grandmother sold smoked fish from a cart that had been painted blue a very long time ago.',
  'Every evening she told the same story about the storm, and every evening it grew a little taller.',
  'Tonight the sea was flat as glass, and the lighthouse turned slowly over the water.',
  'Somewhere beyond the breakwater a bell rang twice, then stopped.',
  'The boy asked what it meant, and she said it meant that someone was coming home.',
  'They waited until the ferry had tied up and the passengers had gone up the hill to the town.',
  'Nobody they knew was on it, but the boy did not mind at all.',
  'He liked the waiting better than the arriving, and he thought he always would.',
].join(' ');

const signal = new AbortController().signal;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mib = (bytes: number) => bytes / 1024 / 1024;

/** Resident memory of another process (Linux); undefined elsewhere. */
function rssOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The raw phonemizer: the espeak-ng package called once on the main thread for the whole
 * text (`-q --ipa`, as piper-phonemize calls espeak-ng), its IPA lines read back.
 */
async function rawPhonemes(text: string, voice: string): Promise<{ ms: number; lines: number }> {
  const started = performance.now();
  const lines: string[] = [];
  await (ESpeakNg as (o: Record<string, unknown>) => Promise<unknown>)({
    arguments: ['-q', '--ipa', '-v', voice, text],
    print: (line: string) => lines.push(line),
    printErr: () => undefined,
  });
  return { ms: performance.now() - started, lines: lines.length };
}

/**
 * Piper neural voice on its fixture: Atelier's engine (espeak-ng phonemes in a worker,
 * ids, onnxruntime-node in the engine host process, per-sentence IPC, WAV) beside the raw
 * onnxruntime-node call on the same ids in this process. The fixture graph is tiny, so
 * this measures the pipeline's overhead, not a real voice's inference.
 */
export async function benchVoiceNeural(): Promise<void> {
  const fixtures = await ensureFixtures({ only: ['tiny-piper'] });
  const onnxPath = path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx');
  const config = await loadPiperConfig(onnxPath);

  const phonemizeRuns: number[] = [];
  // One untimed call first: it starts the espeak-ng pool, which stays warm for the engine's jobs.
  let sentences = await phonemizeForPiper(TEXT, config.espeakVoice, signal);
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    sentences = await phonemizeForPiper(TEXT, config.espeakVoice, signal);
    phonemizeRuns.push(performance.now() - started);
  }
  // Raw phonemes: one untimed call first, as the engine's pool is warm by the time it is timed.
  await rawPhonemes(TEXT, config.espeakVoice);
  const rawPhonemeRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const raw = await rawPhonemes(TEXT, config.espeakVoice);
    if (raw.lines === 0) throw new Error('the raw espeak-ng call printed no phonemes');
    rawPhonemeRuns.push(raw.ms);
  }
  const idLists = sentences.map((s) => phonemesToIds(s.phonemes, config.phonemeIds).ids);
  const scales = Float32Array.of(config.noiseScale, config.lengthScale, config.noiseW);

  // Raw: one session in this process, every sentence run back to back, floats to PCM as Piper does.
  const createStarted = performance.now();
  const session = await ort.InferenceSession.create(onnxPath, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: Math.min(4, os.availableParallelism()),
  });
  const rawCreateMs = performance.now() - createStarted;
  const rawRuns: number[] = [];
  let rawSamples = 0;
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    rawSamples = 0;
    for (const ids of idLists) {
      const out = await session.run({
        input: new ort.Tensor(
          'int64',
          BigInt64Array.from(ids, (id) => BigInt(id)),
          [1, ids.length],
        ),
        input_lengths: new ort.Tensor('int64', BigInt64Array.of(BigInt(ids.length)), [1]),
        scales: new ort.Tensor('float32', scales, [3]),
      });
      rawSamples += sentencePcm(out.output?.data as Float32Array).length;
    }
    if (run > 0) rawRuns.push(performance.now() - started);
  }
  // Absolute: a before/after difference is lost in garbage collection at this size.
  const rawRss = process.memoryUsage().rss;
  await session.release();

  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, close: () => undefined };
  const client = new PiperClient(log as never);
  const engine = new PiperEngine(client);
  const hostStarted = performance.now();
  const first = await engine.generate({ text: TEXT, voicePath: onnxPath, rate: 1 }, signal, () => undefined);
  const coldMs = performance.now() - hostStarted;
  const atelierRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await engine.generate({ text: TEXT, voicePath: onnxPath, rate: 1 }, signal, () => undefined);
    atelierRuns.push(performance.now() - started);
  }
  const hostRss = rssOf(client.pid);
  await client.stop();

  const audioSeconds = first.durationMs / 1000;
  const rawAudio = rawSamples / config.sampleRate;
  const words = TEXT.split(/\s+/).length;
  const rawMs = median(rawRuns);
  const atelierMs = median(atelierRuns);
  const phonemeMs = median(phonemizeRuns);
  const rawPhonemeMs = median(rawPhonemeRuns);
  const rawTotalMs = rawPhonemeMs + rawMs;
  const ids = idLists.reduce((n, l) => n + l.length, 0);
  report({
    bench: 'voice-neural',
    title: `Piper fixture (tiny-piper, ${config.sampleRate / 1000} kHz) on ${words} words, ${sentences.length} sentences, ${ids} ids; median of ${RUNS} runs`,
    note:
      "Atelier = its piper engine (espeak-ng phonemes on the warm worker pool + host IPC + onnxruntime + WAV), host warm; raw = the espeak-ng package's IPA for the same text on the main thread plus onnxruntime-node in this process on the ids, no pauses between sentences. " +
      `Cold start: Atelier's first job, raw's session creation. "phonemes" = phonemization alone: Atelier's (pool, one run for all clauses) beside the raw package's. ` +
      `Overhead over raw phonemes + runtime: ${(atelierMs - rawTotalMs).toFixed(0)} ms per job (a real voice's inference, not the fixture's, dominates real jobs). ` +
      "Memory: Atelier's engine host RSS; raw's is this process's RSS with the session.",
    label: 'measure',
    columns: [
      { key: 'atelier', name: 'Atelier piper engine' },
      { key: 'raw', name: 'raw espeak-ng + onnxruntime-node' },
      RATIO,
      { key: 'phonemes', name: 'Atelier phonemes' },
      { key: 'rawPhonemes', name: 'raw phonemes' },
      { key: 'rawRun', name: 'raw session.run' },
    ],
    rows: [
      { label: 'audio (s)', atelier: audioSeconds, raw: rawAudio, phonemes: null, rawPhonemes: null, rawRun: null },
      { label: 'compute (ms)', atelier: atelierMs, raw: rawTotalMs, phonemes: phonemeMs, rawPhonemes: rawPhonemeMs, rawRun: rawMs },
      {
        label: 'real-time factor',
        atelier: atelierMs / 1000 / audioSeconds,
        raw: rawTotalMs / 1000 / rawAudio,
        phonemes: phonemeMs / 1000 / audioSeconds,
        rawPhonemes: rawPhonemeMs / 1000 / rawAudio,
        rawRun: rawMs / 1000 / rawAudio,
      },
      { label: 'cold start (ms)', atelier: coldMs, raw: rawCreateMs, phonemes: null, rawPhonemes: null, rawRun: null },
      hostRss === undefined
        ? { label: 'memory (MB RSS)', raw: mib(rawRss), phonemes: null, rawPhonemes: null, rawRun: null }
        : { label: 'memory (MB RSS)', atelier: mib(hostRss), raw: mib(rawRss), phonemes: null, rawPhonemes: null, rawRun: null },
    ],
  });
}
