import ESpeakNg from 'espeak-ng';
import { espeakEngine } from '../main/engines/voice/espeak/espeak-engine.js';
import { EspeakPool } from '../main/engines/voice/espeak/espeak-pool.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(3);
const SENTENCES = [
  'The studio opens before dawn, when the city is still quiet and the light is grey.',
  'A writer sits down with a cup of coffee and a page of notes from the night before.',
  'She reads the first paragraph aloud, listening for the places where the rhythm stumbles.',
  'Every story has a voice, and finding it takes patience, practice and a little luck.',
  'Outside, the first trams rattle past and the baker on the corner rolls up his shutters.',
  'By nine the draft is ready, and she asks the machine to read it back to her.',
  'The synthetic voice is plain but clear, and it catches two sentences that run too long.',
  'She trims them, adds a pause before the last line, and listens again.',
  'This time the ending lands the way she hoped it would.',
  'She saves the clip into the project beside the illustrations and the music bed.',
  'Tomorrow she will narrate the second chapter, in German as well as English.',
  'For now she closes the laptop and goes out to find some breakfast in the morning sun.',
];
// About 200 words: the twelve sentences above, then again until the count is reached.
const words = SENTENCES.join(' ').split(' ');
const TEXT = [...words, ...words]
  .slice(0, 200)
  .join(' ')
  .replace(/[^.]*$/, '')
  .trim();

const signal = new AbortController().signal;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The raw package call: one espeak-ng instance on the main thread, the whole text, the WAV read from its FS. */
async function raw(): Promise<{ compute: number; audio: number }> {
  const started = performance.now();
  const instance = await (ESpeakNg as (o: Record<string, unknown>) => Promise<{ FS: { readFile(p: string): Uint8Array } }>)({
    arguments: ['-v', 'en', '-w', '/out.wav', TEXT],
    print: () => undefined,
    printErr: () => undefined,
  });
  const bytes = instance.FS.readFile('/out.wav');
  return { compute: (performance.now() - started) / 1000, audio: (bytes.length - 44) / 2 / 22_050 };
}

async function atelier(): Promise<{ compute: number; audio: number }> {
  const started = performance.now();
  const made = await espeakEngine.generate({ text: TEXT, voice: 'en', rate: 1, pitch: 50 }, signal, () => undefined);
  return { compute: (performance.now() - started) / 1000, audio: made.durationMs / 1000 };
}

export async function benchVoice(): Promise<void> {
  // Start to ready: a fresh pool each time (its first job starts a worker and makes an instance), then the warm one.
  const starts: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const pool = new EspeakPool();
    const started = performance.now();
    await pool.warm();
    starts.push(performance.now() - started);
    await pool.close();
  }
  const raws: { compute: number; audio: number }[] = [];
  const ateliers: { compute: number; audio: number }[] = [];
  // One untimed run each: the raw package's first call compiles its code paths; the engine's starts the pool.
  await raw();
  await atelier();
  for (let run = 0; run < RUNS; run += 1) {
    raws.push(await raw());
    ateliers.push(await atelier());
  }
  const summary = (runs: { compute: number; audio: number }[]) => {
    const compute = median(runs.map((r) => r.compute));
    const audio = runs[0]?.audio ?? 0;
    return { compute, audio, rtf: compute / audio };
  };
  const a = summary(ateliers);
  const r = summary(raws);
  report({
    bench: 'voice',
    title: `espeak-ng on ${TEXT.split(' ').length} words, median of ${RUNS} runs`,
    note: 'raw = the espeak-ng package called once on the main thread for the whole text; Atelier = its espeak engine (warm pooled worker + sentence chunks streamed + WAV). RTF = compute s ÷ audio s, lower is faster.',
    label: 'measure',
    columns: [{ key: 'atelier', name: 'Atelier espeak engine' }, { key: 'raw', name: 'raw espeak-ng package' }, RATIO],
    rows: [
      { label: 'audio (s)', atelier: a.audio, raw: r.audio },
      { label: 'compute (s)', atelier: a.compute, raw: r.compute },
      { label: 'real-time factor', atelier: a.rtf, raw: r.rtf },
    ],
  });
  report({
    bench: 'voice',
    title: 'espeak worker, start to ready (a cold pool; jobs on a warm pool skip it)',
    note: 'The first start compiles the 18 MB WebAssembly module; later ones share it. A warm pool keeps its worker and an instance made ahead, so narration and phonemes pay neither.',
    label: 'job',
    columns: [{ key: 'ms', name: 'start to ready', unit: 'ms', digits: 0 }],
    rows: [
      { label: 'first job', ms: starts[0] ?? Number.NaN },
      { label: `later jobs (median of ${RUNS})`, ms: median(starts.slice(1)) },
    ],
  });
}
