import assert from 'node:assert/strict';
import { generateText, stepCountIs, tool, type LanguageModel } from 'ai';
import { z } from 'zod';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';

/**
 * The AI SDK's agent loop against the fixture model: `toolChoice: "required"` over two
 * steps, each a `weather` call whose result goes back. The same check for the chat
 * completions model and the Responses model, so both routes are held to one standard.
 */
export async function assertTwoRequiredToolSteps(model: LanguageModel): Promise<void> {
  const cities: string[] = [];
  const result = await generateText({
    model,
    prompt: 'What is the weather in Paris?',
    tools: {
      weather: tool({
        description: 'The weather in a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => {
          cities.push(city);
          return { celsius: 21 };
        },
      }),
    },
    toolChoice: 'required',
    stopWhen: stepCountIs(2),
    maxRetries: 0,
  });
  assert.equal(result.steps.length, 2);
  for (const step of result.steps) {
    assert.equal(step.finishReason, 'tool-calls');
    assert.equal(step.toolCalls[0]?.toolName, 'weather');
    assert.deepEqual(step.toolResults[0]?.output, { celsius: 21 });
  }
  assert.deepEqual(cities, [TINY_LLAMA_SENTENCE, TINY_LLAMA_SENTENCE]);
}
