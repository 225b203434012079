import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StudioServices } from '../../../app/studio.js';
import type { TextGenerationRequest, TextGenerationResult } from '../../../core/text/text-service.js';
import { runApiJob } from './api-job.js';
import { OpenAiError, toOpenAiError } from './openai-errors.js';
import { conversationOf, responsesMessages } from './openai-responses-input.js';
import { refuseUnsupported, responsesTextOptions, responsesTools } from './openai-responses-options.js';
import { ResponseBuilder } from './openai-responses-output.js';
import { ResponsesBodySchema } from './openai-responses-schemas.js';
import type { ConversationItem, ResponseStore } from './openai-responses-store.js';
import { parseBody, resolveTextModel } from './openai-text.js';
import type { TextTarget } from './openai-text-reply.js';
import { SseStream } from './sse-stream.js';

const notStored = (id: string) =>
  new OpenAiError(
    404,
    `No stored response has the id ${id}: responses are kept in memory while the server runs, only with store not false.`,
    'invalid_request_error',
    'response_id',
    'response_not_found',
  );

/** Input items are listed with ids, as OpenAI lists them; those the client sent without one get one now. */
const withIds = (items: readonly ConversationItem[], responseId: string): ConversationItem[] =>
  items.map((item, index) => (item.id ? item : { ...item, id: `item_${responseId.slice(5)}_${index}` }));

/** One request as one job in the tray (the chat route's queue and kind: a response is a chat turn). */
async function generate(
  studio: StudioServices,
  reply: FastifyReply,
  target: TextTarget,
  textRequest: TextGenerationRequest,
  builder: ResponseBuilder,
): Promise<TextGenerationResult> {
  const maxTokens = textRequest.sampling.maxTokens;
  return runApiJob(studio, reply, {
    kind: 'api.chat',
    title: `API response · ${target.name}`,
    queue: target.queue,
    run: async ({ signal, progress }) => {
      progress({ fraction: null, detail: `Waiting for ${target.name}…` });
      builder.start();
      let text = '';
      let tokens = 0;
      const tick = () => progress({ fraction: Math.min(0.99, tokens / maxTokens), detail: `${tokens} tokens`, partial: { text } });
      const result = await studio.text.generate(
        textRequest,
        signal,
        (chunk) => {
          text += chunk;
          tokens += 1;
          // The engine sends an empty chunk before a forced call: no message item for it.
          if (chunk !== '') builder.text(chunk);
          tick();
        },
        (fragment) => {
          tokens += 1;
          builder.callFragment(fragment);
          tick();
        },
      );
      progress({ fraction: 1, detail: `${result.tokens} tokens · ${result.tokensPerSecond.toFixed(1)} tok/s`, partial: { text: result.text } });
      return result;
    },
    summary: (made) => ({ model: made.model.id, tokens: made.tokens, stopReason: made.stopReason, tokensPerSecond: made.tokensPerSecond }),
  });
}

/**
 * OpenAI's Responses API for text, on the same engine path as chat completions (the
 * text service, its grammars and function calling): `input` as a string or items,
 * `instructions`, function tools and their outputs, `text.format`, streamed events, and
 * stored responses in memory for `previous_response_id`, `item_reference` and GET.
 */
export function registerResponsesRoutes(app: FastifyInstance, studio: StudioServices, store: ResponseStore): void {
  app.post('/responses', async (request, reply) => {
    const body = parseBody(ResponsesBodySchema, request.body);
    refuseUnsupported(body);
    const target = resolveTextModel(studio, body.model);
    const { previous, input } = conversationOf(body, store);
    const messages = responsesMessages(body.instructions, [...previous, ...input]);
    const textRequest: TextGenerationRequest = { kind: 'chat', model: target.id, messages, ...responsesTools(body), ...responsesTextOptions(body) };
    const stream = body.stream === true ? new SseStream(reply) : undefined;
    const builder = new ResponseBuilder(body, stream && ((type, event) => stream.event(type, event)));

    let result: TextGenerationResult;
    try {
      result = await generate(studio, reply, target, textRequest, builder);
    } catch (error) {
      if (!stream) throw error;
      builder.fail(toOpenAiError(error).body().error);
      stream.end();
      return reply;
    }
    const { response, output } = builder.finish(result);
    if (body.store !== false) {
      const ownInput = withIds(input, response.id);
      store.put({ response, input: ownInput, conversation: [...previous, ...ownInput, ...output] });
    }
    if (!stream) return reply.send(response);
    stream.end();
    return reply;
  });

  app.get('/responses/:id', async (request) => {
    const { id } = request.params as { id: string };
    const stored = store.get(id);
    if (!stored) throw notStored(id);
    return stored.response;
  });

  app.get('/responses/:id/input_items', async (request) => {
    const { id } = request.params as { id: string };
    const stored = store.get(id);
    if (!stored) throw notStored(id);
    // Newest first, as OpenAI's default order is.
    const data = [...stored.input].reverse();
    return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false };
  });

  app.delete('/responses/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!store.delete(id)) throw notStored(id);
    return { id, object: 'response', deleted: true };
  });
}
