import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import type { RunningWebHost } from '../support/web-host.js';
import { serveTinyLlama, stopServed } from '../support/tiny-llama-home.js';

// Function calling against a real `atelier serve`, through the official openai client. The
// fixture model answers every prompt with one sentence, so under a call's grammar it fills
// each string parameter with that sentence: the calls below are exact, at any temperature.
let home: string;
let host: RunningWebHost;
let client: OpenAI;
let modelId: string;

before(async () => {
  ({ home, modelId, host, client } = await serveTinyLlama('atelier-tools-'));
});

after(() => stopServed(host, home));

const weather: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const illustrate: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'illustrate',
    description: 'Draw a picture of a passage',
    parameters: { type: 'object', properties: { passage: { type: 'string' }, style: { type: 'string' } }, required: ['passage', 'style'] },
  },
};
const expectedArgs = { city: TINY_LLAMA_SENTENCE };

describe('function calling through the openai client', () => {
  test('tool_choice required makes a well-formed call with an id, and finish_reason tool_calls', async () => {
    const reply = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weather],
      tool_choice: 'required',
      temperature: 0.7,
    });
    const choice = reply.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(choice?.message.content, null);
    const calls = choice?.message.tool_calls ?? [];
    assert.equal(calls.length, 1);
    const call = calls[0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.type, 'function');
    assert.match(call.id, /^call_[0-9a-f]{24}$/);
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), expectedArgs);
  });

  test('a named function is the one called, with every required parameter', async () => {
    const reply = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'Illustrate the opening.' }],
      tools: [weather, illustrate],
      tool_choice: { type: 'function', function: { name: 'illustrate' } },
    });
    const call = reply.choices[0]?.message.tool_calls?.[0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.function.name, 'illustrate');
    assert.deepEqual(JSON.parse(call.function.arguments), { passage: TINY_LLAMA_SENTENCE, style: TINY_LLAMA_SENTENCE });
  });

  test('auto and none let the fixture answer in words', async () => {
    for (const tool_choice of ['auto', 'none'] as const) {
      const reply: OpenAI.Chat.ChatCompletion = await client.chat.completions.create({
        model: modelId,
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [weather],
        tool_choice,
      });
      assert.equal(reply.choices[0]?.finish_reason, 'stop', tool_choice);
      assert.equal(reply.choices[0]?.message.content, TINY_LLAMA_SENTENCE, tool_choice);
      assert.equal(reply.choices[0]?.message.tool_calls, undefined, tool_choice);
    }
  });

  test('streamed calls arrive as OpenAI sends them: index, id and name first, then argument fragments', async () => {
    const stream = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weather],
      tool_choice: 'required',
      stream: true,
    });
    const deltas: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      deltas.push(...(choice.delta.tool_calls ?? []));
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    assert.equal(finish, 'tool_calls');
    const first = deltas[0];
    assert.equal(first?.index, 0);
    assert.match(first?.id ?? '', /^call_/);
    assert.equal(first?.type, 'function');
    assert.equal(first?.function?.name, 'get_weather');
    assert.equal(first?.function?.arguments, '');
    const rest = deltas.slice(1);
    assert.ok(rest.length > 3, 'the arguments come in several fragments');
    for (const delta of rest) {
      assert.equal(delta.index, 0);
      assert.equal(delta.id, undefined, 'only the first delta carries the id');
    }
    assert.deepEqual(JSON.parse(rest.map((d) => d.function?.arguments ?? '').join('')), expectedArgs);
    // The client's own accumulator puts the same call together.
    const again = client.chat.completions.stream({
      model: modelId,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weather],
      tool_choice: 'required',
    });
    const final = await again.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    assert.deepEqual(JSON.parse(call.function.arguments), expectedArgs);
  });

  test('a tool result goes back to the model and the reply continues in words', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.chat.completions.create({ model: modelId, messages, tools: [weather], tool_choice: 'required' });
    const assistant = first.choices[0]?.message;
    assert.ok(assistant?.tool_calls?.[0]);
    messages.push(assistant, { role: 'tool', tool_call_id: assistant.tool_calls[0].id, content: JSON.stringify({ celsius: 21, sky: 'clear' }) });
    const second = await client.chat.completions.create({ model: modelId, messages, tools: [weather], tool_choice: 'auto' });
    assert.equal(second.choices[0]?.finish_reason, 'stop');
    assert.equal(second.choices[0]?.message.content, TINY_LLAMA_SENTENCE);
    assert.ok((second.usage?.prompt_tokens ?? 0) > (first.usage?.prompt_tokens ?? 0), 'the call and its result are in the prompt');
  });

  test('the legacy function role is accepted as a result, matched by name', async () => {
    const reply = await client.chat.completions.create({
      model: modelId,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { role: 'function', name: 'get_weather', content: 'sunny' },
      ],
    });
    assert.equal(reply.choices[0]?.message.content, TINY_LLAMA_SENTENCE);
  });

  test('a result that answers no call, a choice of a missing tool and bad arguments are 400s in OpenAI shape', async () => {
    const bad: { body: Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>; says: RegExp }[] = [
      {
        body: {
          messages: [
            { role: 'user', content: 'x' },
            { role: 'tool', tool_call_id: 'call_nope', content: '1' },
          ],
        },
        says: /answers no function call/,
      },
      { body: { messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: { type: 'function', function: { name: 'fly' } } }, says: /fly/ },
      { body: { messages: [{ role: 'user', content: 'x' }], tool_choice: 'required' }, says: /needs tools/ },
      {
        body: {
          messages: [
            { role: 'user', content: 'x' },
            { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{not json' } }] },
            { role: 'tool', tool_call_id: 'c1', content: '1' },
          ],
        },
        says: /not JSON/,
      },
    ];
    for (const { body, says } of bad) {
      await assert.rejects(
        client.chat.completions.create({ model: modelId, ...body } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming),
        (error: unknown) => {
          assert.ok(error instanceof OpenAI.BadRequestError, String(error));
          assert.match(error.message, says);
          assert.equal(typeof (error.error as { type?: string }).type, 'string');
          return true;
        },
      );
    }
  });
});
