import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool as langchainTool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { generateObject, generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { startWebHostProcess, type RunningWebHost } from '../support/web-host.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { assertTwoRequiredToolSteps } from '../support/ai-sdk-tool-steps.js';

// The agent frameworks' Responses API models (the AI SDK's default, LangChain's
// useResponsesApi) and their structured output, against a real `atelier serve` and the
// fixture model, which says its one sentence and fills every string under a grammar with it.
let home: string;
let host: RunningWebHost;
let modelId: string;

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  ({ home, modelId } = await homeWithTinyLlama('atelier-responses-clients-'));
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

const Scene = z.object({ title: z.string(), mood: z.string() });

describe("the AI SDK's default OpenAI model (the Responses API)", () => {
  const model = () => createOpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token })(modelId);

  test('openai(id) is the Responses model, and generateText reads its reply', async () => {
    assert.equal(model().provider, 'openai.responses');
    const result = await generateText({ model: model(), system: 'Be brief.', prompt: 'Tell me a story.', maxRetries: 0 });
    assert.equal(result.text, TINY_LLAMA_SENTENCE);
    assert.equal(result.finishReason, 'stop');
    assert.match(result.response.id, /^resp_/);
    assert.ok((result.usage.inputTokens ?? 0) > 0);
    assert.ok((result.usage.outputTokens ?? 0) > 0);
  });

  test('streamText streams the reply in pieces', async () => {
    const result = streamText({ model: model(), prompt: 'Hi', maxRetries: 0 });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    assert.ok(pieces.length > 3, 'several text deltas');
    assert.equal(pieces.join(''), TINY_LLAMA_SENTENCE);
    assert.equal(await result.finishReason, 'stop');
  });

  test('generateText with toolChoice required runs tools over two steps', async () => {
    await assertTwoRequiredToolSteps(model());
  });

  test('tools streamed, then the answer in words once the result is back', async () => {
    const result = streamText({
      model: model(),
      prompt: 'What is the weather in Paris?',
      tools: { weather: tool({ inputSchema: z.object({ city: z.string() }), execute: async () => ({ celsius: 21 }) }) },
      // Forced in the first step only, so the second answers in words.
      prepareStep: ({ stepNumber }) => ({ toolChoice: stepNumber === 0 ? 'required' : 'none' }),
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    const steps = await result.steps;
    assert.equal(steps.length, 2);
    assert.deepEqual(steps[0]?.toolCalls[0]?.input, { city: TINY_LLAMA_SENTENCE });
    assert.equal(await result.text, TINY_LLAMA_SENTENCE);
  });

  test('generateObject with the default provider settings returns the schema-shaped object', async () => {
    const { object } = await generateObject({ model: model(), schema: Scene, prompt: 'Describe the opening scene.', maxRetries: 0 });
    assert.deepEqual(object, { title: TINY_LLAMA_SENTENCE, mood: TINY_LLAMA_SENTENCE });
  });
});

describe('LangChain ChatOpenAI', () => {
  const options = () => ({ model: modelId, apiKey: host.token, configuration: { baseURL: `${host.origin}/v1` }, maxRetries: 0, temperature: 0.5 });

  test('withStructuredOutput in jsonMode (chat completions) parses the JSON object the model wrote', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' } } };
    const structured = new ChatOpenAI(options()).withStructuredOutput(schema, { method: 'jsonMode', includeRaw: true });
    const { raw, parsed } = await structured.invoke('Describe the opening scene as JSON.');
    assert.ok(raw instanceof AIMessage);
    assert.equal(typeof raw.content, 'string');
    assert.deepEqual(parsed, JSON.parse(raw.content as string));
    assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed));
  });

  test('useResponsesApi: invoke, bindTools and a ToolMessage round trip', async () => {
    const chat = () => new ChatOpenAI({ ...options(), useResponsesApi: true });
    const reply = await chat().invoke('Hi');
    assert.equal(reply.text, TINY_LLAMA_SENTENCE);
    assert.match(String(reply.response_metadata.id), /^resp_/);

    const weather = langchainTool(async ({ city }: { city: string }) => `sunny in ${city}`, {
      name: 'get_weather',
      description: 'The weather in a city',
      schema: z.object({ city: z.string() }),
    });
    const question = new HumanMessage('What is the weather in Paris?');
    // By name: LangChain 1.5's Responses path drops the string choices (required, auto, none) before sending.
    const called = await chat().bindTools([weather], { tool_choice: 'get_weather' }).invoke([question]);
    const call = called.tool_calls?.[0];
    assert.equal(call?.name, 'get_weather');
    assert.deepEqual(call?.args, { city: TINY_LLAMA_SENTENCE });
    const result = await weather.invoke(call);
    assert.ok(result instanceof ToolMessage);
    const answer = await chat().bindTools([weather]).invoke([question, called, result]);
    assert.equal(answer.text, TINY_LLAMA_SENTENCE);
    assert.deepEqual(answer.tool_calls, []);
  });

  test('useResponsesApi: withStructuredOutput by JSON schema returns the parsed object', async () => {
    const structured = new ChatOpenAI({ ...options(), useResponsesApi: true }).withStructuredOutput(Scene, { method: 'jsonSchema', name: 'scene' });
    assert.deepEqual(await structured.invoke('Describe the opening scene.'), { title: TINY_LLAMA_SENTENCE, mood: TINY_LLAMA_SENTENCE });
  });
});
