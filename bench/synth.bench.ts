import wavefile from 'wavefile';
import { AMBIENCE_PRESETS, SFX_PRESETS, type SoundRequest } from '../preload/contract.js';
import { SAMPLE_RATE } from '../main/engines/sound/audio-format.js';
import { synthEngine } from '../main/engines/sound/synth-engine.js';
import { benchRuns, median, RATIO, report, type Row } from './report.js';

const RUNS = benchRuns(5);

interface Family {
  name: string;
  requests: SoundRequest[];
}

const FAMILIES: Family[] = [
  { name: 'effects (8 presets × 4 seeds)', requests: SFX_PRESETS.flatMap((preset) => [0, 1, 2, 3].map((seed) => ({ kind: 'sfx', preset, seed }) as const)) },
  ...AMBIENCE_PRESETS.map((preset) => ({ name: `ambience: ${preset}, 60 s`, requests: [{ kind: 'ambience', preset, seconds: 60, seed: 1 } as const] })),
  { name: 'loop: 16 bars at 120 BPM (32 s)', requests: [{ kind: 'loop', tempo: 120, key: 'A', scale: 'minor', bars: 16, seed: 1 }] },
];

const signal = new AbortController().signal;
const quiet = () => undefined;

/** Renders the family once; returns audio seconds and compute seconds. */
async function timeFamily(family: Family): Promise<{ audio: number; compute: number }> {
  let audio = 0;
  const started = performance.now();
  for (const request of family.requests) audio += (await synthEngine.generate(request, signal, quiet)).durationMs / 1000;
  return { audio, compute: (performance.now() - started) / 1000 };
}

/** The raw baseline: the same number of samples of a plain Math.sin loop, written with wavefile. */
function timeRawSine(seconds: number): number {
  const started = performance.now();
  const samples = new Int16Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < samples.length; i += 1) samples[i] = Math.round(29_000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, SAMPLE_RATE, '16', samples);
  wav.toBuffer();
  return (performance.now() - started) / 1000;
}

export async function benchSynth(): Promise<void> {
  // One warm-up pass so the JIT has compiled the hot loops before anything is timed.
  for (const family of FAMILIES) await timeFamily(family);
  const rows: Row[] = [];
  for (const family of FAMILIES) {
    const synth: number[] = [];
    const raw: number[] = [];
    let audio = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const timed = await timeFamily(family);
      audio = timed.audio;
      synth.push(timed.compute);
      raw.push(timeRawSine(audio));
    }
    const s = median(synth);
    const r = median(raw);
    rows.push({ label: family.name, audio, atelier: s * 1000, raw: r * 1000, atelierSpeed: audio / s, rawSpeed: audio / r });
  }
  report({
    bench: 'synth',
    title: `render time per sound, median of ${RUNS} runs, 44.1 kHz mono 16-bit WAV including wavefile`,
    note: 'raw = the same number of samples of a plain Math.sin loop, written with wavefile. "× real time" is audio seconds per compute second (higher is faster).',
    label: 'sound',
    columns: [
      { key: 'audio', name: 'audio', unit: 's', digits: 1 },
      { key: 'atelier', name: 'Atelier synth', unit: 'ms', digits: 0 },
      { key: 'raw', name: 'raw Math.sin + wavefile', unit: 'ms', digits: 0 },
      RATIO,
      { key: 'atelierSpeed', name: 'Atelier', unit: '× real time', digits: 0 },
      { key: 'rawSpeed', name: 'raw', unit: '× real time', digits: 0 },
    ],
    rows,
  });

  // The long case, once: ten minutes of rain, streamed in blocks. What it holds at the end is the
  // 16-bit samples, wavefile's packed copy and the file's bytes: three copies of 53 MB, never a float buffer.
  const before = process.memoryUsage().arrayBuffers;
  const started = performance.now();
  const made = await synthEngine.generate({ kind: 'ambience', preset: 'rain', seconds: 600, seed: 1 }, signal, quiet);
  const seconds = (performance.now() - started) / 1000;
  const grown = process.memoryUsage().arrayBuffers - before;
  report({
    bench: 'synth',
    title: 'ten minutes of rain, streamed in blocks, one run',
    note: "What it holds at the end is the 16-bit samples, wavefile's packed copy and the file's bytes: three copies of 53 MB, never a float buffer.",
    label: 'sound',
    columns: [
      { key: 'seconds', name: 'render + encode', unit: 's', digits: 1 },
      { key: 'speed', name: 'speed', unit: '× real time', digits: 0 },
      { key: 'wav', name: 'WAV', unit: 'MB', digits: 1 },
      { key: 'grown', name: 'array buffers grew', unit: 'MB', digits: 0 },
    ],
    rows: [{ label: 'ambience: rain, 600 s', seconds, speed: 600 / seconds, wav: made.wav.byteLength / 1e6, grown: grown / 1e6 }],
  });
}
