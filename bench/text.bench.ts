import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureFixtures, fixturePath } from '../models/fixtures/ensure-fixtures.js';
import { createFileLogger } from '../main/platform/log.js';
import { LlamaClient } from '../main/engines/text/llama-client.js';
import { median, openRawLlama, takeTurns, type TextRun } from './raw-llama.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(5);
const MAX_TOKENS = 200;
// The fixture ends its sentence after 9 tokens; under a JSON grammar it never closes the
// string, so both paths generate exactly MAX_TOKENS tokens of the same work.
const SCHEMA = { type: 'object', properties: { story: { type: 'string' } }, required: ['story'] } as const;
const PROMPT = 'Tell me a long story about the harbour.';

async function atelierEngine(modelPath: string): Promise<{ loadMs: number; startMs: number; client: LlamaClient; run: () => Promise<TextRun> }> {
  const client = new LlamaClient(createFileLogger(fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-logs-'))));
  let started = performance.now();
  await client.hardware('off');
  const startMs = performance.now() - started;
  started = performance.now();
  await client.load({ path: modelPath, name: 'tiny-llama', contextSize: 1024, threads: 2, gpu: 'off' });
  const loadMs = performance.now() - started;
  const run = async (): Promise<TextRun> => {
    const result = await client.generate(
      {
        request: {
          kind: 'chat',
          messages: [{ role: 'user', content: PROMPT }],
          jsonSchema: SCHEMA,
          sampling: { temperature: 0, topP: 1, maxTokens: MAX_TOKENS, seed: 1 },
        },
      },
      new AbortController().signal,
    );
    return { ttftMs: result.timeToFirstTokenMs, tokensPerSecond: result.tokensPerSecond, tokens: result.tokens };
  };
  return { loadMs, startMs, client, run };
}

async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function benchText(): Promise<void> {
  await ensureFixtures({ only: ['tiny-llama'] });
  const modelPath = fixturePath('tiny-llama');
  const rssBefore = process.memoryUsage().rss;
  const rawLlama = await openRawLlama(modelPath, SCHEMA);
  const rawRssMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  const engine = await atelierEngine(modelPath);
  let runs: Record<'atelier' | 'raw', TextRun[]>;
  try {
    runs = await takeTurns({ atelier: engine.run, raw: () => rawLlama.run(PROMPT, MAX_TOKENS) }, RUNS);
  } finally {
    await rawLlama.dispose();
  }
  const pid = engine.client.pid;
  const hostRssMb = pid ? await rssOf(pid) : 0;
  await engine.client.stop();
  const atelier = { ...engine, runs: runs.atelier, hostRssMb };
  const raw = { loadMs: rawLlama.loadMs, runs: runs.raw };
  const med = (runs: TextRun[], key: keyof TextRun) => median(runs.map((r) => r[key]));
  report({
    bench: 'text',
    title: `tiny-llama fixture, ${MAX_TOKENS} tokens under a JSON grammar, temperature 0, 2 threads, CPU; median of ${RUNS} runs after one warm-up, the two taking turns`,
    note: "Atelier = its text engine (host process + IPC); raw = node-llama-cpp in this process. Atelier's load excludes its host process start (its own row); memory is the host's RSS against raw's RSS growth in this process.",
    label: 'measure',
    columns: [{ key: 'atelier', name: 'Atelier text engine' }, { key: 'raw', name: 'raw node-llama-cpp' }, RATIO],
    rows: [
      { label: 'host process start (ms)', atelier: atelier.startMs },
      { label: 'load (ms)', atelier: atelier.loadMs, raw: raw.loadMs },
      { label: 'time to first token (ms)', atelier: med(atelier.runs, 'ttftMs'), raw: med(raw.runs, 'ttftMs') },
      { label: 'tokens/s', atelier: med(atelier.runs, 'tokensPerSecond'), raw: med(raw.runs, 'tokensPerSecond') },
      { label: 'memory (MB RSS)', atelier: atelier.hostRssMb, raw: rawRssMb },
    ],
  });
}
