import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { serveTinyLlama, stopServed } from '../support/tiny-llama-home.js';
import type { RunningWebHost } from '../support/web-host.js';

// logprobs / top_logprobs from the engine's own token probabilities, against a real `atelier serve`.
let home: string;
let host: RunningWebHost;
let client: OpenAI;
let modelId: string;

before(async () => {
  ({ home, modelId, host, client } = await serveTinyLlama('atelier-logprobs-', 120_000));
});

after(() => stopServed(host, home));

const ask = [{ role: 'user' as const, content: 'Tell me about the sea.' }];

interface Entry {
  token: string;
  logprob: number;
  bytes: number[] | null;
  top_logprobs: { token: string; logprob: number; bytes: number[] | null }[];
}

/** The fixture's greedy reply: each token is the likeliest at its place, so it heads its own alternatives. */
function checkGreedy(content: readonly Entry[], text: string, top: number): void {
  assert.equal(content.map((e) => e.token).join(''), text);
  for (const entry of content) {
    assert.ok(entry.logprob <= 0 && entry.logprob > -100, `${entry.token}: ${entry.logprob}`);
    assert.deepEqual(entry.bytes, [...Buffer.from(entry.token, 'utf8')]);
    assert.equal(entry.top_logprobs.length, top);
    const logprobs = entry.top_logprobs.map((a) => a.logprob);
    assert.deepEqual(
      logprobs,
      [...logprobs].sort((a, b) => b - a),
      'alternatives from likeliest down',
    );
    assert.equal(entry.top_logprobs[0]?.token, entry.token);
    assert.ok(Math.abs((entry.top_logprobs[0]?.logprob ?? 0) - entry.logprob) < 1e-6);
    const total = entry.top_logprobs.reduce((sum, a) => sum + Math.exp(a.logprob), 0);
    assert.ok(total <= 1 + 1e-4, `probabilities sum to at most 1 (${total})`);
  }
}

describe('logprobs', () => {
  test('chat: each token of the reply with its log probability and top_logprobs alternatives', async () => {
    const reply = await client.chat.completions.create({ model: modelId, messages: ask, temperature: 0, logprobs: true, top_logprobs: 3 });
    const choice = reply.choices[0];
    assert.equal(choice?.message.content, TINY_LLAMA_SENTENCE);
    const content = (choice?.logprobs?.content ?? []) as Entry[];
    assert.ok(content.length > 3, `${content.length} tokens`);
    checkGreedy(content, TINY_LLAMA_SENTENCE, 3);
    const without = await client.chat.completions.create({ model: modelId, messages: ask, temperature: 0 });
    assert.equal(without.choices[0]?.logprobs, null);
    assert.equal(without.choices[0]?.message.content, TINY_LLAMA_SENTENCE, 'the model answers as before after its tokens were evaluated again');
  });

  test('streamed: the same probabilities arrive before the finish', async () => {
    const whole = await client.chat.completions.create({ model: modelId, messages: ask, temperature: 0, logprobs: true, top_logprobs: 2 });
    const stream = await client.chat.completions.create({ model: modelId, messages: ask, temperature: 0, logprobs: true, top_logprobs: 2, stream: true });
    const streamed: Entry[] = [];
    let text = '';
    let finishedBeforeLogprobs = false;
    let finished = false;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta.content ?? '';
      if (choice.logprobs?.content) {
        finishedBeforeLogprobs ||= finished;
        streamed.push(...(choice.logprobs.content as Entry[]));
      }
      if (choice.finish_reason) finished = true;
    }
    assert.equal(text, TINY_LLAMA_SENTENCE);
    assert.equal(finishedBeforeLogprobs, false);
    assert.deepEqual(streamed, whole.choices[0]?.logprobs?.content);
  });

  test('completions: the legacy lists (tokens, token_logprobs, top_logprobs, text_offset)', async () => {
    const reply = await client.completions.create({ model: modelId, prompt: 'The sea', max_tokens: 8, temperature: 0, logprobs: 2 });
    const choice = reply.choices[0];
    const logprobs = choice?.logprobs;
    assert.ok(logprobs?.tokens && logprobs.token_logprobs && logprobs.top_logprobs && logprobs.text_offset);
    assert.equal(logprobs.tokens.join(''), choice?.text);
    assert.equal(logprobs.token_logprobs.length, logprobs.tokens.length);
    assert.ok(logprobs.token_logprobs.every((l) => l <= 0));
    assert.ok(logprobs.top_logprobs.every((alternatives) => Object.keys(alternatives).length <= 2 && Object.keys(alternatives).length >= 1));
    let offset = 0;
    logprobs.tokens.forEach((token, i) => {
      assert.equal(logprobs.text_offset?.[i], offset);
      offset += token.length;
    });
  });

  test('top_logprobs without logprobs, more than 20, or with tools is a 400', async () => {
    await assert.rejects(client.chat.completions.create({ model: modelId, messages: ask, top_logprobs: 2 }), OpenAI.BadRequestError);
    await assert.rejects(client.chat.completions.create({ model: modelId, messages: ask, logprobs: true, top_logprobs: 21 }), OpenAI.BadRequestError);
    const tools = [{ type: 'function' as const, function: { name: 'look', parameters: { type: 'object', properties: {} } } }];
    await assert.rejects(client.chat.completions.create({ model: modelId, messages: ask, logprobs: true, tools }), (error: unknown) => {
      return error instanceof OpenAI.BadRequestError && error.param === 'logprobs';
    });
  });
});
