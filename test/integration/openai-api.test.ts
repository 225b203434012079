import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import sharp from 'sharp';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import type { RunningWebHost } from '../support/web-host.js';
import { serveTinyLlama, stopServed } from '../support/tiny-llama-home.js';

let home: string;
let host: RunningWebHost;
let client: OpenAI;
let modelId: string;

before(async () => {
  ({ home, modelId, host, client } = await serveTinyLlama('atelier-openai-'));
});

after(() => stopServed(host, home));

describe('the OpenAI-compatible API, through the official openai client', () => {
  test('lists the installed text model and the built-in engines', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    for (const id of [modelId, 'procedural', 'espeak', 'synth']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  });

  test('chat answers with the fixture sentence, with usage', async () => {
    const reply = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'Tell me about the sea.' }],
      temperature: 0,
      seed: 7,
    });
    assert.equal(reply.object, 'chat.completion');
    assert.equal(reply.choices[0]?.message.role, 'assistant');
    assert.equal(reply.choices[0]?.message.content, TINY_LLAMA_SENTENCE);
    assert.equal(reply.choices[0]?.finish_reason, 'stop');
    assert.ok((reply.usage?.completion_tokens ?? 0) >= 8 && (reply.usage?.prompt_tokens ?? 0) > 0, JSON.stringify(reply.usage));
  });

  test('streamed chat arrives as chunks that reassemble to the sentence, then [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let role: string | undefined;
    let finish: string | null | undefined;
    let usage: unknown;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      role ??= choice.delta.role;
      if (choice.delta.content) deltas.push(choice.delta.content);
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    assert.equal(role, 'assistant');
    assert.ok(deltas.length > 1, 'several content deltas');
    assert.equal(deltas.join(''), TINY_LLAMA_SENTENCE);
    assert.equal(finish, 'stop');
    assert.ok(usage);
    // The raw stream ends with the [DONE] sentinel.
    const raw = await fetch(`${host.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: modelId, messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    assert.match(raw.headers.get('content-type') ?? '', /text\/event-stream/);
    const text = await raw.text();
    assert.ok(text.trimEnd().endsWith('data: [DONE]'), text.slice(-200));
  });

  test('a raw completion, plain and streamed', async () => {
    const plain = await client.completions.create({ model: modelId, prompt: 'Once upon a time', max_tokens: 40 });
    assert.equal(plain.choices[0]?.text, TINY_LLAMA_SENTENCE);
    const stream = await client.completions.create({ model: modelId, prompt: 'Once upon a time', max_tokens: 40, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    assert.equal(text, TINY_LLAMA_SENTENCE);
  });

  test('json_schema: the grammar forces valid JSON of the schema, which the fixture would never write', async () => {
    // The fixture only knows its sentence; a closed schema (enums, booleans) is finite, so the
    // grammar alone completes it within max_tokens and the reply must parse.
    const schema = {
      type: 'object',
      properties: { mood: { enum: ['calm', 'stormy'] }, lighthouse: { type: 'boolean' } },
      required: ['mood', 'lighthouse'],
      additionalProperties: false,
    };
    const reply = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'Describe the night.' }],
      max_tokens: 60,
      response_format: { type: 'json_schema', json_schema: { name: 'night', schema, strict: true } },
    });
    const content = reply.choices[0]?.message.content ?? '';
    const parsed = JSON.parse(content) as { mood: string; lighthouse: boolean };
    assert.ok(['calm', 'stormy'].includes(parsed.mood), content);
    assert.equal(typeof parsed.lighthouse, 'boolean');
    assert.notEqual(content, TINY_LLAMA_SENTENCE);
  });

  test('images: procedural, b64 decodes to a PNG of the asked size; url serves the same kind of PNG', async () => {
    const result = await client.images.generate({
      model: 'procedural',
      prompt: 'harbour at dawn',
      size: '320x192' as '256x256',
      n: 2,
      response_format: 'b64_json',
    });
    assert.equal(result.data?.length, 2);
    for (const item of result.data ?? []) {
      const meta = await sharp(Buffer.from(item.b64_json as string, 'base64')).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 320, 192]);
    }
    const linked = await client.images.generate({ model: 'procedural', prompt: 'noon', size: '256x256', response_format: 'url' });
    const url = linked.data?.[0]?.url as string;
    assert.match(url, /\/v1\/images\/files\/[0-9a-f]{32}\.png$/);
    const fetched = await fetch(url);
    assert.equal(fetched.status, 200);
    assert.equal((await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()).width, 256);
    assert.equal((await fetch(url.replace(/[0-9a-f]{32}/, '0'.repeat(32)))).status, 404);
  });

  test('speech: espeak as WAV (RIFF) and as MP3', async () => {
    const wav = Buffer.from(
      await (
        await client.audio.speech.create({ model: 'espeak', voice: 'alloy', input: 'The harbour is quiet tonight.', response_format: 'wav' })
      ).arrayBuffer(),
    );
    assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(wav.subarray(8, 12).toString('latin1'), 'WAVE');
    assert.ok(wav.length > 10_000, `${wav.length} bytes`);
    const mp3 = Buffer.from(
      await (await client.audio.speech.create({ model: 'espeak', voice: 'en', input: 'The harbour is quiet tonight.', response_format: 'mp3' })).arrayBuffer(),
    );
    const id3 = mp3.subarray(0, 3).toString('latin1') === 'ID3';
    const frameSync = mp3[0] === 0xff && ((mp3[1] ?? 0) & 0xe0) === 0xe0;
    assert.ok(id3 || frameSync, `MP3 header, got ${mp3.subarray(0, 4).toString('hex')}`);
  });

  test('errors are OpenAI-shaped: bad key 401, unknown model 404, invalid body 400', async () => {
    const wrong = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: 'not-the-token', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (error: unknown) => error instanceof OpenAI.AuthenticationError && error.status === 401);
    await assert.rejects(
      client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'Hi' }] }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && error.code === 'model_not_found' && error.param === 'model',
    );
    await assert.rejects(
      client.chat.completions.create({ model: modelId, messages: [], temperature: 9 }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && typeof error.message === 'string',
    );
    const raw = await fetch(`${host.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{"model": 1',
    });
    assert.equal(raw.status, 400);
    const body = (await raw.json()) as { error: { message: string; type: string; param: unknown; code: unknown } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.ok('param' in body.error && 'code' in body.error);
  });

  test('an over-deep or oversized response_format schema is a 400 that never reaches the engine', async () => {
    // Written as text: 3000 levels is past what JSON.stringify itself can walk.
    const deep = `${'{"type":"object","properties":{"a":'.repeat(3000)}{"type":"string"}${'}}'.repeat(3000)}`;
    const huge = JSON.stringify({
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`field_${i}_${'x'.repeat(30)}`, { type: 'string' }])),
    });
    for (const [schema, reason] of [
      [deep, /nested deeper than 32 levels/],
      [huge, /larger than 64 kB/],
    ] as const) {
      for (const route of ['chat/completions', 'completions']) {
        const input = route === 'completions' ? '"prompt":"Hi"' : '"messages":[{"role":"user","content":"Hi"}]';
        const body = `{"model":${JSON.stringify(modelId)},${input},"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${schema}}}}`;
        const raw = await fetch(`${host.origin}/v1/${route}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
          body,
        });
        assert.equal(raw.status, 400, route);
        const answer = (await raw.json()) as { error: { message: string; type: string } };
        assert.equal(answer.error.type, 'invalid_request_error');
        assert.match(answer.error.message, reason);
      }
    }
    // The engine host is alive and still answers.
    const chat = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'Tell me about the sea.' }],
      temperature: 0,
      seed: 7,
    });
    assert.equal(chat.choices[0]?.message.content, TINY_LLAMA_SENTENCE);
  });

  test('/v1 skips the browser Origin check but keeps the Host check', async () => {
    const headers = { Authorization: `Bearer ${host.token}`, Origin: 'http://example.com' };
    assert.equal((await fetch(`${host.origin}/v1/models`, { headers })).status, 200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.origin}/v1/models`, { headers: { ...headers, Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
  });

  test('every API request is a job in the tray', async () => {
    const jobs = (await (
      await fetch(`${host.origin}/api/jobs.list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      })
    ).json()) as { result: { kind: string; state: string; queue: string }[] };
    const kinds = new Set(jobs.result.map((j) => j.kind));
    for (const kind of ['api.chat', 'api.completion', 'api.image', 'api.speech']) assert.ok(kinds.has(kind), `${kind} in ${[...kinds].join(', ')}`);
    assert.ok(jobs.result.some((j) => j.kind === 'api.chat' && j.queue === 'llama' && j.state === 'done'));
  });
});
