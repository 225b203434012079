import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool as langchainTool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';
import { z } from 'zod';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { startWebHostProcess, type RunningWebHost } from '../support/web-host.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { assertTwoRequiredToolSteps } from '../support/ai-sdk-tool-steps.js';

// The agent frameworks' own clients against a real `atelier serve` and the fixture model,
// which fills every string parameter of a forced call with its one sentence.
let home: string;
let host: RunningWebHost;
let modelId: string;

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  ({ home, modelId } = await homeWithTinyLlama('atelier-agents-'));
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

describe('the openai client runs tools', () => {
  test('runTools calls the named function with its parsed arguments, then ends', async () => {
    const client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 60_000 });
    const seen: unknown[] = [];
    const runner = client.chat.completions.runTools({
      model: modelId,
      messages: [{ role: 'user', content: 'Look up the lighthouse.' }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      tools: [
        {
          type: 'function',
          function: {
            name: 'lookup',
            description: 'Look something up',
            parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
            parse: (text: string) => JSON.parse(text) as { query: string },
            function: (args: { query: string }) => {
              seen.push(args);
              return { found: true };
            },
          },
        },
      ],
    });
    await runner.done();
    assert.deepEqual(seen, [{ query: TINY_LLAMA_SENTENCE }]);
    const toolMessage = runner.messages.find((m) => m.role === 'tool');
    assert.equal(toolMessage?.content, JSON.stringify({ found: true }));
  });
});

describe('the Vercel AI SDK', () => {
  test('generateText with toolChoice required runs tools over two steps', async () => {
    const provider = createOpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token });
    await assertTwoRequiredToolSteps(provider.chat(modelId));
  });
});

describe('LangChain', () => {
  const chat = () => new ChatOpenAI({ model: modelId, apiKey: host.token, configuration: { baseURL: `${host.origin}/v1` }, maxRetries: 0, temperature: 0.5 });
  const weather = langchainTool(async ({ city }: { city: string }) => `sunny in ${city}`, {
    name: 'get_weather',
    description: 'The weather in a city',
    schema: z.object({ city: z.string() }),
  });

  test('bindTools yields the call, and a ToolMessage brings its result back', async () => {
    const model = chat().bindTools([weather], { tool_choice: 'required' });
    const question = new HumanMessage('What is the weather in Paris?');
    const reply = await model.invoke([question]);
    assert.ok(reply instanceof AIMessage);
    const call = reply.tool_calls?.[0];
    assert.equal(call?.name, 'get_weather');
    assert.deepEqual(call?.args, { city: TINY_LLAMA_SENTENCE });
    assert.ok(call?.id);
    const result = await weather.invoke(call);
    assert.ok(result instanceof ToolMessage);
    const answer = await chat().bindTools([weather]).invoke([question, reply, result]);
    assert.equal(answer.content, TINY_LLAMA_SENTENCE);
    assert.deepEqual(answer.tool_calls, []);
  });

  test('withStructuredOutput by function calling returns the parsed object', async () => {
    const schema = z.object({ title: z.string(), mood: z.string() }).describe('A scene');
    const structured = chat().withStructuredOutput(schema, { method: 'functionCalling', name: 'scene' });
    const scene = await structured.invoke('Describe the opening scene.');
    assert.deepEqual(scene, { title: TINY_LLAMA_SENTENCE, mood: TINY_LLAMA_SENTENCE });
  });
});
