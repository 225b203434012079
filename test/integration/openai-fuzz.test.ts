/**
 * The OpenAI-compatible API (/v1) under hostile bodies, through the real web host:
 * every refusal is a 4xx in OpenAI's error shape, never a 500, a dropped connection
 * or a crash, and the host still answers afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ChatCompletionBodySchema, CompletionBodySchema, ImageBodySchema, SpeechBodySchema } from '../../main/hosts/web/openai/openai-schemas.js';
import { ResponsesBodySchema } from '../../main/hosts/web/openai/openai-responses-schemas.js';
import { EmbeddingsBodySchema } from '../../main/hosts/web/openai/openai-embeddings.js';
import { finishFuzzHost, sendRaw, startFuzzHost, type RawReply } from '../support/fuzz-host.js';
import { describeBody, hostileBody, nearValidBody, type HostileBody } from '../support/hostile-payloads.js';
import type { RunningWebHost } from '../support/web-host.js';
import type { z } from 'zod';

/** Per route and kind: 7 routes × (40 hostile + 30 near-valid) ≈ 490 requests, 15-30 s here. */
const HOSTILE_RUNS = 40;
const NEAR_VALID_RUNS = 30;
const SEED = 1314;

let host: RunningWebHost;

before(async () => {
  host = await startFuzzHost();
});

after(async () => {
  if (host) await finishFuzzHost(host);
});

/** A documented 5xx for a typed condition (an engine or remote that is not there), never a bare server fault. */
const TYPED_5XX = new Set(['unsupported', 'engine_unavailable', 'remote_unreachable', 'remote_failed', 'remote_timeout']);

function assertOpenAiReply(reply: RawReply, what: string, input: HostileBody | undefined): void {
  const context = `${what} ← ${input ? describeBody(input) : '(no body)'} → ${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status < 300) return;
  const body = reply.json as { error?: { message?: unknown; type?: unknown; param?: unknown; code?: unknown } } | undefined;
  assert.ok(body?.error && typeof body.error === 'object', `not an OpenAI error body: ${context}`);
  assert.equal(typeof body.error.message, 'string', context);
  assert.equal(typeof body.error.type, 'string', context);
  assert.ok(body.error.param === null || typeof body.error.param === 'string', context);
  assert.ok(body.error.code === null || typeof body.error.code === 'string', context);
  assert.notEqual(body.error.code, 'internal', `internal: ${context}`);
  assert.ok(reply.status < 500 || TYPED_5XX.has(body.error.code as string), `server error: ${context}`);
}

const ROUTES: { path: string; schema: z.ZodType; base: Record<string, unknown> }[] = [
  { path: '/v1/chat/completions', schema: ChatCompletionBodySchema, base: { model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] } },
  { path: '/v1/completions', schema: CompletionBodySchema, base: { model: 'no-such-model', prompt: 'hi' } },
  { path: '/v1/responses', schema: ResponsesBodySchema, base: { model: 'no-such-model', input: 'hi' } },
  { path: '/v1/images/generations', schema: ImageBodySchema, base: { prompt: 'fuzz', size: '64x64', n: 1 } },
  // An unknown model is refused after parsing: valid-looking bodies reach the handler's own checks without a speech job each.
  { path: '/v1/audio/speech', schema: SpeechBodySchema, base: { model: 'no-such-voice', input: 'hi', response_format: 'opus' } },
  { path: '/v1/embeddings', schema: EmbeddingsBodySchema, base: { model: 'no-such-model', input: ['hi', 'there'], encoding_format: 'base64' } },
  // Not served by Atelier for POST: still an OpenAI-shaped 404, whatever the body.
  { path: '/v1/models', schema: ChatCompletionBodySchema, base: {} },
];

describe('/v1 under hostile bodies', () => {
  for (const route of ROUTES) {
    test(`POST ${route.path}: hostile bodies get OpenAI-shaped 4xx`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileBody(route.schema), async (input) => {
          assertOpenAiReply(await sendRaw(host, 'POST', route.path, input), route.path, input);
        }),
        { numRuns: HOSTILE_RUNS, seed: SEED, endOnFailure: true },
      );
    });

    test(`POST ${route.path}: one hostile field in a valid body`, async () => {
      await fc.assert(
        fc.asyncProperty(nearValidBody(route.base, route.schema), async (input) => {
          assertOpenAiReply(await sendRaw(host, 'POST', route.path, input), route.path, input);
        }),
        { numRuns: NEAR_VALID_RUNS, seed: SEED, endOnFailure: true },
      );
    });
  }

  test('GET with hostile paths and queries', async () => {
    const paths = [
      '/v1/models?limit=1e309&__proto__[x]=1',
      '/v1/models?' + 'a=1&'.repeat(2000),
      '/v1/images/files/' + 'f'.repeat(5000),
      '/v1/images/files/%zz',
      '/v1/images/files/..%2F..%2Fetc%2Fpasswd',
      '/v1/images/files/00000000000000000000000000000000.png',
      '/v1/%zz',
      '/v1/responses/' + 'r'.repeat(5000),
      '/v1/responses/resp_%zz/input_items',
      '/v1/responses/__proto__',
      '/v1/' + 'x'.repeat(5000),
    ];
    for (const path of paths) assertOpenAiReply(await sendRaw(host, 'GET', path, undefined), `GET ${path.slice(0, 60)}`, undefined);
  });

  test('the host still answers /v1/models afterwards', async () => {
    const reply = await sendRaw(host, 'GET', '/v1/models', undefined);
    assert.equal(reply.status, 200);
    assert.equal((reply.json as { object: string }).object, 'list');
  });
});
