import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaChatSession, LlamaLogLevel } from 'node-llama-cpp';
import { ensureFixtures, fixturePath } from '../models/fixtures/ensure-fixtures.js';
import { createFileLogger } from '../main/platform/log.js';
import { LlamaClient } from '../main/engines/text/llama-client.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(5);
const MAX_TOKENS = 200;
// The fixture ends its sentence after 9 tokens; under a JSON grammar it never closes the
// string, so both paths generate exactly MAX_TOKENS tokens of the same work.
const SCHEMA = { type: 'object', properties: { story: { type: 'string' } }, required: ['story'] } as const;
const PROMPT = 'Tell me a long story about the harbour.';

interface Run {
  ttftMs: number;
  tokensPerSecond: number;
  tokens: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function rawLibrary(modelPath: string): Promise<{ loadMs: number; runs: Run[] }> {
  const started = performance.now();
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: 1024, threads: 2 });
  const loadMs = performance.now() - started;
  const sequence = context.getSequence();
  const grammar = await llama.createGrammarForJsonSchema(SCHEMA);
  const runs: Run[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    // Timed from before the session, as the engine's figure is: a new session resolves the chat template.
    const begin = performance.now();
    const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
    let first = 0;
    let tokens = 0;
    await session.prompt(PROMPT, {
      maxTokens: MAX_TOKENS,
      temperature: 0,
      grammar,
      onToken: (t) => {
        if (tokens === 0) first = performance.now();
        tokens += t.length;
      },
    });
    const end = performance.now();
    session.dispose({ disposeSequence: false });
    if (run > 0) runs.push({ ttftMs: first - begin, tokensPerSecond: ((tokens - 1) * 1000) / (end - first), tokens });
  }
  await context.dispose();
  await model.dispose();
  return { loadMs, runs };
}

async function atelierEngine(modelPath: string): Promise<{ loadMs: number; startMs: number; runs: Run[]; hostRssMb: number }> {
  const client = new LlamaClient(createFileLogger(fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-logs-'))));
  let started = performance.now();
  await client.hardware('off');
  const startMs = performance.now() - started;
  started = performance.now();
  await client.load({ path: modelPath, name: 'tiny-llama', contextSize: 1024, threads: 2, gpu: 'off' });
  const loadMs = performance.now() - started;
  const runs: Run[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
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
    if (run > 0) runs.push({ ttftMs: result.timeToFirstTokenMs, tokensPerSecond: result.tokensPerSecond, tokens: result.tokens });
  }
  const pid = client.pid;
  const hostRssMb = pid ? await rssOf(pid) : 0;
  await client.stop();
  return { loadMs, startMs, runs, hostRssMb };
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
  const raw = await rawLibrary(modelPath);
  const rawRssMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  const atelier = await atelierEngine(modelPath);
  const med = (runs: Run[], key: keyof Run) => median(runs.map((r) => r[key]));
  report({
    bench: 'text',
    title: `tiny-llama fixture, ${MAX_TOKENS} tokens under a JSON grammar, temperature 0, 2 threads, CPU; median of ${RUNS} runs after one warm-up`,
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
