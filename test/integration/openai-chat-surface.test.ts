import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import type { RunningWebHost } from '../support/web-host.js';
import { serveTinyLlama, stopServed } from '../support/tiny-llama-home.js';

// The rest of the chat surface agent frameworks lean on, against a real `atelier serve`.
let home: string;
let host: RunningWebHost;
let client: OpenAI;
let modelId: string;

before(async () => {
  ({ home, modelId, host, client } = await serveTinyLlama('atelier-surface-'));
});

after(() => stopServed(host, home));

const ask = [{ role: 'user' as const, content: 'Tell me about the sea.' }];

describe('the chat surface', () => {
  test('n choices come back indexed, with usage over all of them', async () => {
    const one = await client.chat.completions.create({ model: modelId, messages: ask, seed: 3 });
    const three = await client.chat.completions.create({ model: modelId, messages: ask, n: 3, seed: 3 });
    assert.deepEqual(
      three.choices.map((c) => [c.index, c.message.content, c.finish_reason]),
      [0, 1, 2].map((i) => [i, TINY_LLAMA_SENTENCE, 'stop']),
    );
    assert.equal(three.usage?.completion_tokens, 3 * (one.usage?.completion_tokens ?? 0));
    assert.equal(three.usage?.prompt_tokens, one.usage?.prompt_tokens);
    await assert.rejects(client.chat.completions.create({ model: modelId, messages: ask, n: 9 }), OpenAI.BadRequestError);
  });

  test('streamed n choices each get their role, text and finish under their index', async () => {
    const stream = await client.chat.completions.create({ model: modelId, messages: ask, n: 2, stream: true });
    const text = ['', ''];
    const roles: string[] = [];
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        if (choice.delta.role) roles[choice.index] = choice.delta.role;
        text[choice.index] += choice.delta.content ?? '';
        if (choice.finish_reason) finishes[choice.index] = choice.finish_reason;
      }
    }
    assert.deepEqual(text, [TINY_LLAMA_SENTENCE, TINY_LLAMA_SENTENCE]);
    assert.deepEqual(roles, ['assistant', 'assistant']);
    assert.deepEqual(finishes, ['stop', 'stop']);
  });

  test('any integer seed is taken, and the same seed gives the same reply', async () => {
    for (const seed of [-5, 2 ** 40, 0]) {
      const reply = await client.chat.completions.create({ model: modelId, messages: ask, seed, temperature: 1.5 });
      assert.equal(reply.choices[0]?.message.content, TINY_LLAMA_SENTENCE, String(seed));
    }
  });

  test('json_object mode answers one JSON object, where the fixture would otherwise say its sentence', async () => {
    const reply = await client.chat.completions.create({ model: modelId, messages: ask, response_format: { type: 'json_object' } });
    const parsed = JSON.parse(reply.choices[0]?.message.content ?? '') as unknown;
    assert.equal(typeof parsed, 'object');
    assert.ok(parsed !== null && !Array.isArray(parsed));
  });

  test('an image part is a 400 that says the model cannot see images', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: modelId,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            ],
          },
        ],
      }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.match(error.message, /cannot see images/);
        assert.equal(error.param, 'messages[0].content[1]');
        return true;
      },
    );
  });

  test('GET /v1/models/{id} answers each listed model, and an unknown one is a 404 in OpenAI shape', async () => {
    for (const id of [modelId, 'procedural', 'espeak']) {
      const model = await client.models.retrieve(id);
      assert.equal(model.id, id);
      assert.equal(model.object, 'model');
    }
    await assert.rejects(client.models.retrieve('no-such-model'), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.code, 'model_not_found');
      return true;
    });
  });

  test('unknown routes and wrong methods are 404s in OpenAI shape', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing'],
      ['DELETE', '/v1/models'],
      ['POST', '/v1/models/x'],
    ] as const) {
      const response = await fetch(`${host.origin}${path}`, { method, headers: { Authorization: `Bearer ${host.token}` } });
      assert.equal(response.status, 404, `${method} ${path}`);
      const body = (await response.json()) as { error: { message: string; type: string; code: string } };
      assert.equal(body.error.type, 'invalid_request_error');
      assert.equal(typeof body.error.message, 'string');
      assert.equal(body.error.code, 'unknown_url');
    }
  });
});
