import fs from 'node:fs/promises';
import { ensureFixtures } from '../models/fixtures/ensure-fixtures.js';
import { createStudio } from '../main/app/studio.js';
import { startWebHostProcess } from '../test/support/web-host.js';
import { homeWithTinyLlama } from '../test/support/tiny-llama-home.js';
import { RATIO, benchRuns, report } from './report.js';

const RUNS = benchRuns(5);
const MAX_TOKENS = 200;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 40;
// A closed schema the grammar must spell out token by token: every run is the same fixed-length reply.
const SCHEMA = { type: 'object', properties: { ships: { type: 'array', items: { enum: ['ship'] }, minItems: 60, maxItems: 60 } }, required: ['ships'] };
const PROMPT = 'Tell me a long story about the harbour.';

interface Run {
  ttftMs: number;
  tokensPerSecond: number;
  tokens: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function direct(home: string, model: string): Promise<Run[]> {
  const studio = await createStudio({ host: 'cli', home });
  const runs: Run[] = [];
  try {
    for (let run = 0; run <= RUNS; run += 1) {
      const begin = performance.now();
      let first = 0;
      let tokens = 0;
      const result = await studio.text.generate(
        {
          kind: 'chat',
          model,
          messages: [{ role: 'user', content: PROMPT }],
          jsonSchema: SCHEMA,
          sampling: { temperature: 0, topP: 1, maxTokens: MAX_TOKENS, seed: 1 },
        },
        new AbortController().signal,
        () => {
          if (tokens === 0) first = performance.now();
          tokens += 1;
        },
      );
      const end = performance.now();
      // Chunks carry several tokens when the engine batches them: count the engine's tokens.
      if (run > 0) runs.push({ ttftMs: first - begin, tokensPerSecond: ((result.tokens - 1) * 1000) / (end - first), tokens: result.tokens });
    }
  } finally {
    await studio.dispose();
  }
  return runs;
}

async function streamed(origin: string, token: string, model: string): Promise<Run[]> {
  const runs: Run[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const begin = performance.now();
    const response = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model,
        messages: [{ role: 'user', content: PROMPT }],
        max_tokens: MAX_TOKENS,
        temperature: 0,
        seed: 1,
        stream: true,
        stream_options: { include_usage: true },
        response_format: { type: 'json_schema', json_schema: { name: 'story', schema: SCHEMA } },
      }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let first = 0;
    let usageTokens = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buffer += decoder.decode(r.value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const data = buffer.slice(6, cut);
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf('\n\n');
        if (data === '[DONE]') continue;
        const chunk = JSON.parse(data) as { choices: { delta: { content?: string } }[]; usage?: { completion_tokens: number } };
        if (chunk.usage) usageTokens = chunk.usage.completion_tokens;
        const delta = chunk.choices[0]?.delta.content;
        if (delta && first === 0) first = performance.now();
      }
    }
    const end = performance.now();
    if (run > 0) runs.push({ ttftMs: first - begin, tokensPerSecond: ((usageTokens - 1) * 1000) / (end - first), tokens: usageTokens });
  }
  return runs;
}

async function modelsUnderLoad(origin: string, token: string): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const one = async () => {
    for (let i = 0; i < REQUESTS_PER_CLIENT; i += 1) {
      const t0 = performance.now();
      const response = await fetch(`${origin}/v1/models`, { headers: { Authorization: `Bearer ${token}` } });
      await response.json();
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, one));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: sorted[Math.floor(sorted.length * 0.5)] as number,
    p99: sorted[Math.floor(sorted.length * 0.99)] as number,
  };
}

export async function benchApi(): Promise<void> {
  await ensureFixtures({ only: ['tiny-llama'] });
  const { home, modelId } = await homeWithTinyLlama('atelier-bench-api-');
  try {
    const engine = await direct(home, modelId);
    const host = await startWebHostProcess({ home });
    let api: Run[];
    let load: Awaited<ReturnType<typeof modelsUnderLoad>>;
    try {
      api = await streamed(host.origin, host.token, modelId);
      await modelsUnderLoad(host.origin, host.token);
      load = await modelsUnderLoad(host.origin, host.token);
    } finally {
      await host.stop();
    }
    const med = (runs: Run[], key: keyof Run) => median(runs.map((r) => r[key]));
    report({
      bench: 'api',
      title: `tiny-llama fixture, ${MAX_TOKENS} tokens under a JSON grammar, temperature 0, 2 threads, CPU; median of ${RUNS} runs after one warm-up`,
      note: 'Atelier = POST /v1/chat/completions, streamed, from `atelier serve` on loopback; baseline = studio.text.generate in process (the same engine host), so the ratio is what the API adds.',
      label: 'measure',
      columns: [{ key: 'atelier', name: 'POST /v1/chat/completions stream' }, { key: 'raw', name: 'studio.text.generate (in process)' }, RATIO],
      rows: [
        { label: 'time to first token (ms)', atelier: med(api, 'ttftMs'), raw: med(engine, 'ttftMs') },
        { label: 'tokens/s', atelier: med(api, 'tokensPerSecond'), raw: med(engine, 'tokensPerSecond') },
        { label: 'tokens', atelier: med(api, 'tokens'), raw: med(engine, 'tokens') },
      ],
    });
    report({
      bench: 'api',
      title: `GET /v1/models: ${CLIENTS} concurrent clients × ${REQUESTS_PER_CLIENT} requests, loopback, after one warm-up round`,
      label: 'route',
      columns: [
        { key: 'perSecond', name: 'requests/s', digits: 0 },
        { key: 'p50', name: 'p50 latency', unit: 'ms', digits: 1 },
        { key: 'p99', name: 'p99 latency', unit: 'ms', digits: 1 },
      ],
      rows: [{ label: 'GET /v1/models', ...load }],
    });
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
}
