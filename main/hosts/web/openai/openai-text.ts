import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { StudioServices } from '../../../app/studio.js';
import { isRemoteModelId, parseRemoteModelId } from '../../../core/remotes/remote-model-id.js';
import type { TextGenerationRequest, TextGenerationResult } from '../../../core/text/text-service.js';
import { TEXT_QUEUE } from '../../../core/text/text-job.js';
import { runApiJob } from './api-job.js';
import { chatMessages, chatTools } from './openai-chat-request.js';
import { ToolCallIds } from './openai-tool-calls.js';
import { invalidBody, modelNotFound, toOpenAiError } from './openai-errors.js';
import { ChatCompletionBodySchema, CompletionBodySchema, type ChatCompletionBody, type CompletionBody } from './openai-schemas.js';
import { SseStream } from './sse-stream.js';

/** When a client sets no limit: long enough for a scene, short enough that a forgotten request ends. */
const DEFAULT_MAX_TOKENS = 1024;

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

interface TextTarget {
  /** What TextService takes: an installed id, or `remote:<name>/<model>`. */
  id: string;
  name: string;
  /** One request at a time per engine: the local llama host, or each remote model. */
  queue: string;
}

/** Only installed models and configured remotes: a client never names a file on this computer. */
function resolveTextModel(studio: StudioServices, model: string): TextTarget {
  if (isRemoteModelId(model)) {
    const { remote } = parseRemoteModelId(model);
    studio.remotes.get(remote);
    return { id: model, name: model, queue: model };
  }
  const installed = studio.models.list().find((m) => m.id === model && m.modality === 'text');
  if (!installed) throw modelNotFound(model, 'text');
  return { id: installed.id, name: installed.name, queue: TEXT_QUEUE };
}

function textOptions(body: ChatCompletionBody | CompletionBody): Pick<TextGenerationRequest, 'sampling' | 'jsonSchema'> {
  const newer = 'max_completion_tokens' in body ? (body.max_completion_tokens as number | null | undefined) : undefined;
  const maxTokens = newer ?? body.max_tokens ?? DEFAULT_MAX_TOKENS;
  const stop = body.stop == null ? undefined : typeof body.stop === 'string' ? [body.stop] : body.stop;
  const format = body.response_format;
  const jsonSchema =
    format?.type === 'json_schema' ? format.json_schema.schema : format?.type === 'json_object' ? { type: 'object', additionalProperties: true } : undefined;
  return {
    sampling: {
      temperature: body.temperature ?? 1,
      topP: body.top_p ?? 1,
      maxTokens,
      ...(body.seed != null && { seed: body.seed }),
      ...(stop && stop.length > 0 && { stop }),
    },
    ...(jsonSchema && { jsonSchema }),
  };
}

const finishReason = (result: TextGenerationResult) =>
  result.toolCalls && result.toolCalls.length > 0 ? 'tool_calls' : result.stopReason === 'maxTokens' ? 'length' : 'stop';

const usageOf = (result: TextGenerationResult) => ({
  prompt_tokens: result.promptTokens,
  completion_tokens: result.tokens,
  total_tokens: result.promptTokens + result.tokens,
});

export function registerTextRoutes(app: FastifyInstance, studio: StudioServices): void {
  app.post('/chat/completions', async (request, reply) => {
    const body = parseBody(ChatCompletionBodySchema, request.body);
    const target = resolveTextModel(studio, body.model);
    const textRequest: TextGenerationRequest = { kind: 'chat', model: target.id, messages: chatMessages(body), ...chatTools(body), ...textOptions(body) };
    return serveText(studio, reply, body, target, textRequest);
  });

  app.post('/completions', async (request, reply) => {
    const body = parseBody(CompletionBodySchema, request.body);
    const target = resolveTextModel(studio, body.model);
    const prompt = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] as string);
    const textRequest: TextGenerationRequest = { kind: 'completion', model: target.id, prompt, ...textOptions(body) };
    return serveText(studio, reply, body, target, textRequest);
  });
}

async function serveText(
  studio: StudioServices,
  reply: FastifyReply,
  body: ChatCompletionBody | CompletionBody,
  target: TextTarget,
  textRequest: TextGenerationRequest,
): Promise<FastifyReply> {
  const chat = textRequest.kind === 'chat';
  const id = `${chat ? 'chatcmpl' : 'cmpl'}-${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const stream = body.stream === true ? new SseStream(reply) : undefined;
  const calls = new ToolCallIds();
  const chunkOf = (delta: object, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: body.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const piece = (content: string | undefined, finish: string | null, role = false) =>
    chat
      ? chunkOf({ ...(role && { role: 'assistant' }), ...(content !== undefined && { content }) }, finish)
      : { id, object: 'text_completion', created, model: body.model, choices: [{ index: 0, text: content ?? '', logprobs: null, finish_reason: finish }] };

  if (stream && chat) stream.send(piece('', null, true));
  const maxTokens = textRequest.sampling.maxTokens;
  let result: TextGenerationResult;
  try {
    result = await runApiJob(studio, reply, {
      kind: chat ? 'api.chat' : 'api.completion',
      title: `${chat ? 'API chat' : 'API completion'} · ${target.name}`,
      queue: target.queue,
      run: async ({ signal, progress }) => {
        progress({ fraction: null, detail: `Waiting for ${target.name}…` });
        let text = '';
        let tokens = 0;
        const tick = () => progress({ fraction: Math.min(0.99, tokens / maxTokens), detail: `${tokens} tokens`, partial: { text } });
        const made = await studio.text.generate(
          textRequest,
          signal,
          (chunk) => {
            text += chunk;
            tokens += 1;
            stream?.send(piece(chunk, null));
            tick();
          },
          (fragment) => {
            tokens += 1;
            for (const delta of calls.deltas(fragment)) stream?.send(chunkOf({ tool_calls: [delta] }, null));
            tick();
          },
        );
        progress({ fraction: 1, detail: `${made.tokens} tokens · ${made.tokensPerSecond.toFixed(1)} tok/s`, partial: { text: made.text } });
        return made;
      },
      summary: (made) => ({ model: made.model.id, tokens: made.tokens, stopReason: made.stopReason, tokensPerSecond: made.tokensPerSecond }),
    });
  } catch (error) {
    if (!stream) throw error;
    stream.fail(toOpenAiError(error).body());
    return reply;
  }

  const toolCalls = calls.complete(result.toolCalls ?? []);
  if (stream) {
    for (const delta of toolCalls.unstreamed) stream.send(chunkOf({ tool_calls: [delta] }, null));
    stream.send(piece(undefined, finishReason(result)));
    if (body.stream_options?.include_usage)
      stream.send({ id, object: chat ? 'chat.completion.chunk' : 'text_completion', created, model: body.model, choices: [], usage: usageOf(result) });
    stream.done();
    return reply;
  }
  const choice = chat
    ? {
        index: 0,
        message: {
          role: 'assistant',
          content: toolCalls.all.length > 0 && result.text === '' ? null : result.text,
          refusal: null,
          ...(toolCalls.all.length > 0 && { tool_calls: toolCalls.all }),
        },
        logprobs: null,
        finish_reason: finishReason(result),
      }
    : { index: 0, text: result.text, logprobs: null, finish_reason: finishReason(result) };
  return reply.send({ id, object: chat ? 'chat.completion' : 'text_completion', created, model: body.model, choices: [choice], usage: usageOf(result) });
}
