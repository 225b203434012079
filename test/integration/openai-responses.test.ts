import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import type { RunningWebHost } from '../support/web-host.js';
import { serveTinyLlama, stopServed } from '../support/tiny-llama-home.js';

// The Responses API through the official openai client against a real `atelier serve`.
// The fixture model answers every prompt with one sentence, and under a grammar fills
// every string with it: replies, calls and JSON below are exact.
let home: string;
let host: RunningWebHost;
let client: OpenAI;
let modelId: string;

before(async () => {
  ({ home, modelId, host, client } = await serveTinyLlama('atelier-responses-'));
});

after(() => stopServed(host, home));

const weather: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

describe('responses.create through the openai client', () => {
  test('a string input with instructions answers one message, with usage, and is stored', async () => {
    const response = await client.responses.create({ model: modelId, instructions: 'Be brief.', input: 'Tell me a story.' });
    assert.equal(response.object, 'response');
    assert.match(response.id, /^resp_[0-9a-f]{32}$/);
    assert.equal(response.status, 'completed');
    assert.equal(response.output_text, TINY_LLAMA_SENTENCE);
    assert.equal(response.output.length, 1);
    const message = response.output[0] as OpenAI.Responses.ResponseOutputMessage;
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.match(message.id, /^msg_/);
    assert.deepEqual(message.content, [{ type: 'output_text', text: TINY_LLAMA_SENTENCE, annotations: [], logprobs: [] }]);
    assert.ok((response.usage?.input_tokens ?? 0) > 0);
    assert.ok((response.usage?.output_tokens ?? 0) > 0);
    assert.equal(response.usage?.total_tokens, (response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0));
    assert.equal(response.instructions, 'Be brief.');

    const again = await client.responses.retrieve(response.id);
    assert.equal(again.id, response.id);
    assert.equal(again.output_text, TINY_LLAMA_SENTENCE);
    const inputs = await client.responses.inputItems.list(response.id);
    assert.equal(inputs.data.length, 1);
    assert.deepEqual((inputs.data[0] as { content: unknown }).content, 'Tell me a story.');
  });

  test('streamed, the events come in OpenAI order with consecutive sequence numbers', async () => {
    const stream = await client.responses.create({ model: modelId, input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }], stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    const deltas = events.filter((e) => e.type === 'response.output_text.delta');
    assert.ok(deltas.length > 3, 'the text comes in several deltas');
    assert.deepEqual(types, [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...deltas.map(() => 'response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    assert.deepEqual(
      events.map((e) => e.sequence_number),
      events.map((_, i) => i),
    );
    assert.equal(deltas.map((d) => d.delta).join(''), TINY_LLAMA_SENTENCE);
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    assert.equal(completed.response.status, 'completed');
    const message = completed.response.output[0] as OpenAI.Responses.ResponseOutputMessage;
    assert.deepEqual(message.content, [{ type: 'output_text', text: TINY_LLAMA_SENTENCE, annotations: [], logprobs: [] }]);
    assert.equal(message.id, (events[2] as OpenAI.Responses.ResponseOutputItemAddedEvent).item.id);
    assert.ok((completed.response.usage?.output_tokens ?? 0) > 0);
  });

  test('the stream helper accumulates the same response', async () => {
    const stream = client.responses.stream({ model: modelId, input: 'Hi' });
    const final = await stream.finalResponse();
    assert.equal(final.output_text, TINY_LLAMA_SENTENCE);
  });
});

describe('function tools', () => {
  test('tool_choice required returns a function_call item; its output comes back in the next input', async () => {
    const first = await client.responses.create({ model: modelId, input: 'What is the weather in Paris?', tools: [weather], tool_choice: 'required' });
    assert.equal(first.output.length, 1);
    const call = first.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    assert.equal(call.type, 'function_call');
    assert.match(call.id ?? '', /^fc_/);
    assert.match(call.call_id, /^call_[0-9a-f]{24}$/);
    assert.equal(call.name, 'get_weather');
    assert.equal(call.status, 'completed');
    assert.deepEqual(JSON.parse(call.arguments), { city: TINY_LLAMA_SENTENCE });
    assert.equal(first.output_text, '');

    // The whole conversation sent back, as a stateless client does.
    const second = await client.responses.create({
      model: modelId,
      store: false,
      tools: [weather],
      input: [
        { role: 'user', content: 'What is the weather in Paris?' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: '{"celsius":21}' },
      ],
    });
    assert.equal(second.output_text, TINY_LLAMA_SENTENCE);
    await assert.rejects(client.responses.retrieve(second.id), OpenAI.NotFoundError);

    // The same through previous_response_id: only the output is new.
    const third = await client.responses.create({
      model: modelId,
      previous_response_id: first.id,
      tools: [weather],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"celsius":21}' }],
    });
    assert.equal(third.previous_response_id, first.id);
    assert.equal(third.output_text, TINY_LLAMA_SENTENCE);
    assert.ok((third.usage?.input_tokens ?? 0) > (first.usage?.input_tokens ?? 0), 'the stored conversation was read again');
  });

  test('a named function, streamed: the item first, then argument deltas, then done', async () => {
    const stream = await client.responses.create({
      model: modelId,
      input: 'Weather?',
      tools: [weather],
      tool_choice: { type: 'function', name: 'get_weather' },
      stream: true,
    });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const added = events.find((e) => e.type === 'response.output_item.added') as OpenAI.Responses.ResponseOutputItemAddedEvent;
    assert.equal(added.item.type, 'function_call');
    const item = added.item as OpenAI.Responses.ResponseFunctionToolCall;
    assert.equal(item.arguments, '');
    assert.equal(item.name, 'get_weather');
    const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta');
    assert.ok(deltas.length > 3, 'the arguments come in several fragments');
    for (const delta of deltas) assert.equal(delta.item_id, item.id);
    const done = events.find((e) => e.type === 'response.function_call_arguments.done') as OpenAI.Responses.ResponseFunctionCallArgumentsDoneEvent;
    assert.deepEqual(JSON.parse(done.arguments), { city: TINY_LLAMA_SENTENCE });
    assert.deepEqual(JSON.parse(deltas.map((d) => d.delta).join('')), JSON.parse(done.arguments));
    const types = events.map((e) => e.type);
    assert.deepEqual(types.slice(-3), ['response.function_call_arguments.done', 'response.output_item.done', 'response.completed']);
    assert.ok(!types.includes('response.content_part.added'), 'a reply of only a call has no message');
  });
});

describe('text.format', () => {
  test('json_schema through responses.parse gives the parsed object', async () => {
    const Scene = z.object({ title: z.string(), mood: z.string() });
    const response = await client.responses.parse({ model: modelId, input: 'Describe the opening scene.', text: { format: zodTextFormat(Scene, 'scene') } });
    assert.deepEqual(response.output_parsed, { title: TINY_LLAMA_SENTENCE, mood: TINY_LLAMA_SENTENCE });
  });

  test('json_object answers one JSON object', async () => {
    const response = await client.responses.create({ model: modelId, input: 'Answer in JSON.', text: { format: { type: 'json_object' } } });
    const parsed = JSON.parse(response.output_text) as unknown;
    assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed));
  });

  test('a short max_output_tokens makes the response incomplete', async () => {
    const response = await client.responses.create({ model: modelId, input: 'Hi', max_output_tokens: 2 });
    assert.equal(response.status, 'incomplete');
    assert.equal(response.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(response.usage?.output_tokens, 2);
  });
});

describe('what the Responses API here cannot take, said in OpenAI errors', () => {
  const refused = (status: number, pattern: RegExp, param?: string) => (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.equal(error.status, status);
    assert.match(error.message, pattern);
    if (param !== undefined) assert.equal(error.param, param);
    return true;
  };

  test('an image part, a hosted tool, a reasoning item and an unknown previous response', async () => {
    const image = client.responses.create({
      model: modelId,
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' },
          ],
        },
      ],
    });
    await assert.rejects(image, refused(400, /cannot see images/, 'input[0].content[1]'));
    const hosted = client.responses.create({ model: modelId, input: 'Search.', tools: [{ type: 'web_search' }] });
    await assert.rejects(hosted, refused(400, /only function tools/, 'tools[0].type'));
    const reasoning = client.responses.create({
      model: modelId,
      input: [
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { role: 'user', content: 'Hi' },
      ],
    });
    await assert.rejects(reasoning, refused(400, /"reasoning" are not supported/, 'input[0].type'));
    const unknown = client.responses.create({ model: modelId, input: 'Hi', previous_response_id: 'resp_nothing' });
    await assert.rejects(unknown, refused(404, /No stored response/, 'previous_response_id'));
    await assert.rejects(client.responses.retrieve('resp_nothing'), refused(404, /No stored response/));
  });

  test('a format with tools fails as a 400 whole, and streamed as an error event the client raises', async () => {
    const request = {
      model: modelId,
      input: 'Weather?',
      tools: [weather],
      text: { format: { type: 'json_schema' as const, name: 'x', schema: { type: 'object', properties: {} } } },
    };
    await assert.rejects(client.responses.create(request), refused(400, /cannot be combined with tools/));
    const stream = await client.responses.create({ ...request, stream: true });
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const event of stream) seen.push(event.type);
    }, /cannot be combined with tools/);
    assert.deepEqual(seen, ['response.created', 'response.in_progress']);
  });

  test('on the wire each event is named by its type, and no [DONE] follows', async () => {
    const response = await fetch(`${host.origin}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: modelId, input: 'Hi', stream: true }),
    });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const blocks = (await response.text()).split('\n\n').filter((b) => b !== '');
    assert.ok(blocks.length > 8);
    for (const block of blocks) {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse(dataLine?.replace(/^data: /, '') ?? '') as { type: string };
      assert.equal(eventLine, `event: ${data.type}`);
    }
    assert.ok(!blocks.some((b) => b.includes('[DONE]')));
  });
});
