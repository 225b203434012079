import fs from 'node:fs/promises';
import { ensureFixtures, fixturePath } from '../models/fixtures/ensure-fixtures.js';
import { createStudio } from '../main/app/studio.js';
import { startWebHostProcess } from '../test/support/web-host.js';
import { homeWithTinyLlama } from '../test/support/tiny-llama-home.js';
import { median, openRawLlama, takeTurns, type TextRun } from './raw-llama.js';
import { RATIO, benchRuns, report } from './report.js';
import { closeClients, viaFetch, viaHttp, type StreamClient } from './sse-client.js';

const RUNS = benchRuns(5);
const MAX_TOKENS = 200;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 40;
// A closed schema the grammar must spell out token by token: every run is the same fixed-length reply.
const SCHEMA = { type: 'object', properties: { ships: { type: 'array', items: { enum: ['ship'] }, minItems: 60, maxItems: 60 } }, required: ['ships'] };
const PROMPT = 'Tell me a long story about the harbour.';

/** The engine as the studio calls it, in this process: what the API route calls too. */
function direct(studio: Awaited<ReturnType<typeof createStudio>>, model: string): () => Promise<TextRun> {
  return async () => {
    const begin = performance.now();
    let first = 0;
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
        if (first === 0) first = performance.now();
      },
    );
    const end = performance.now();
    // Chunks carry several tokens when the engine batches them: count the engine's tokens.
    return { ttftMs: first - begin, tokensPerSecond: ((result.tokens - 1) * 1000) / (end - first), tokens: result.tokens };
  };
}

/** One streamed request to `atelier serve`, read by `client` as an OpenAI client reads it (sse-client.ts). */
function streamed(client: StreamClient, origin: string, token: string, model: string): () => Promise<TextRun> {
  return () =>
    client(origin, token, {
      model,
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: MAX_TOKENS,
      temperature: 0,
      seed: 1,
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema', json_schema: { name: 'story', schema: SCHEMA } },
    });
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
  // All three stay loaded and take turns, so each row's figures come from the same minutes of the machine.
  const raw = await openRawLlama(fixturePath('tiny-llama'), SCHEMA);
  const studio = await createStudio({ host: 'cli', home });
  const host = await startWebHostProcess({ home });
  try {
    const runs = await takeTurns(
      {
        api: streamed(viaHttp, host.origin, host.token, modelId),
        fetch: streamed(viaFetch, host.origin, host.token, modelId),
        engine: direct(studio, modelId),
        raw: () => raw.run(PROMPT, MAX_TOKENS),
      },
      RUNS,
    );
    await modelsUnderLoad(host.origin, host.token);
    const load = await modelsUnderLoad(host.origin, host.token);
    const med = (which: keyof typeof runs, key: keyof TextRun) => median(runs[which].map((r) => r[key]));
    const row = (label: string, key: keyof TextRun) => ({
      label,
      atelier: med('api', key),
      fetch: med('fetch', key),
      engine: med('engine', key),
      raw: med('raw', key),
      overEngine: med('api', key) / med('engine', key),
    });
    report({
      bench: 'api',
      title: `tiny-llama fixture, ${MAX_TOKENS} tokens under a JSON grammar, temperature 0, 2 threads, CPU; median of ${RUNS} runs after one warm-up, the four taking turns`,
      note:
        'Atelier = POST /v1/chat/completions, streamed, from `atelier serve` on loopback, timed by the client to the first content delta and the last byte, read with node:http on a kept-alive connection ' +
        '(the client shares the 2 cores with the engine, so the leanest honest client; the fetch() column reads the same stream as the openai package does); ' +
        'engine = studio.text.generate in process (the same engine host the route calls), so API ÷ engine is what the API adds; raw = node-llama-cpp in this process, same model, grammar and threads.',
      label: 'measure',
      columns: [
        { key: 'atelier', name: 'POST /v1/chat/completions stream' },
        { key: 'fetch', name: 'same, read with fetch()' },
        { key: 'engine', name: 'studio.text.generate (in process)' },
        { key: 'raw', name: 'raw node-llama-cpp' },
        { key: 'overEngine', name: 'API ÷ engine' },
        RATIO,
      ],
      rows: [
        row('time to first token (ms)', 'ttftMs'),
        {
          label: 'first token: API − engine (ms)',
          atelier: med('api', 'ttftMs') - med('engine', 'ttftMs'),
          fetch: med('fetch', 'ttftMs') - med('engine', 'ttftMs'),
        },
        row('tokens/s', 'tokensPerSecond'),
        row('tokens', 'tokens'),
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
    closeClients();
    await host.stop();
    await studio.dispose();
    await raw.dispose();
    await fs.rm(home, { recursive: true, force: true });
  }
}
