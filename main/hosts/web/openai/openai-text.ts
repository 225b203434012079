import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { StudioServices } from '../../../app/studio.js';
import { isRemoteModelId, parseRemoteModelId } from '../../../core/remotes/remote-model-id.js';
import type { TextGenerationRequest } from '../../../core/text/text-service.js';
import { TEXT_QUEUE } from '../../../core/text/text-job.js';
import { chatMessages, chatTools } from './openai-chat-request.js';
import { invalidBody, modelNotFound, OpenAiError } from './openai-errors.js';
import { ChatCompletionBodySchema, CompletionBodySchema, type ChatCompletionBody, type CompletionBody } from './openai-schemas.js';
import { serveText, type TextTarget } from './openai-text-reply.js';

/** When a client sets no limit: long enough for a scene, short enough that a forgotten request ends. */
const DEFAULT_MAX_TOKENS = 1024;

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** Only installed models and configured remotes: a client never names a file on this computer. */
export function resolveTextModel(studio: StudioServices, model: string): TextTarget {
  if (isRemoteModelId(model)) {
    const { remote } = parseRemoteModelId(model);
    studio.remotes.get(remote);
    return { id: model, name: model, queue: model };
  }
  const installed = studio.models.list().find((m) => m.id === model && m.modality === 'text');
  if (!installed) throw modelNotFound(model, 'text');
  return { id: installed.id, name: installed.name, queue: TEXT_QUEUE };
}

/** OpenAI takes any integer seed; the engine's seeds are 32-bit, so others wrap into that range (the same seed, the same reply). */
const engineSeed = (seed: number) => ((seed % 2 ** 32) + 2 ** 32) % 2 ** 32;

const isChat = (body: ChatCompletionBody | CompletionBody): body is ChatCompletionBody => 'messages' in body;

/** How many alternatives per token the request wants, or undefined when it wants no log probabilities. */
function logprobsOf(body: ChatCompletionBody | CompletionBody, target: TextTarget): number | undefined {
  let top: number | undefined;
  if (isChat(body)) {
    if (body.top_logprobs != null && body.logprobs !== true)
      throw new OpenAiError(400, 'top_logprobs needs logprobs: true.', 'invalid_request_error', 'top_logprobs', 'invalid_request');
    top = body.logprobs === true ? (body.top_logprobs ?? 0) : undefined;
    if (top !== undefined && (body.tools?.length ?? 0) > 0 && body.tool_choice !== 'none')
      throw new OpenAiError(
        400,
        'logprobs cannot be combined with tools the model may call here.',
        'invalid_request_error',
        'logprobs',
        'unsupported_parameter',
      );
  } else top = (body as CompletionBody).logprobs ?? undefined;
  if (top !== undefined && target.queue !== TEXT_QUEUE)
    throw new OpenAiError(
      400,
      'logprobs come from a local model only; a remote model does not report them.',
      'invalid_request_error',
      'logprobs',
      'unsupported_parameter',
    );
  return top;
}

function textOptions(body: ChatCompletionBody | CompletionBody): Pick<TextGenerationRequest, 'sampling' | 'jsonSchema' | 'jsonObject'> {
  const newer = 'max_completion_tokens' in body ? (body.max_completion_tokens as number | null | undefined) : undefined;
  const maxTokens = newer ?? body.max_tokens ?? DEFAULT_MAX_TOKENS;
  const stop = body.stop == null ? undefined : typeof body.stop === 'string' ? [body.stop] : body.stop;
  const format = body.response_format;
  const jsonSchema = format?.type === 'json_schema' ? format.json_schema.schema : undefined;
  return {
    sampling: {
      temperature: body.temperature ?? 1,
      topP: body.top_p ?? 1,
      maxTokens,
      ...(body.seed != null && { seed: engineSeed(body.seed) }),
      ...(stop && stop.length > 0 && { stop }),
    },
    ...(jsonSchema && { jsonSchema }),
    ...(format?.type === 'json_object' && { jsonObject: true }),
  };
}

export function registerTextRoutes(app: FastifyInstance, studio: StudioServices): void {
  app.post('/chat/completions', async (request, reply) => {
    const body = parseBody(ChatCompletionBodySchema, request.body);
    const target = resolveTextModel(studio, body.model);
    const logprobs = logprobsOf(body, target);
    const textRequest: TextGenerationRequest = {
      kind: 'chat',
      model: target.id,
      messages: chatMessages(body),
      ...chatTools(body),
      ...textOptions(body),
      ...(logprobs !== undefined && { logprobs }),
    };
    return serveText(studio, reply, body, target, textRequest);
  });

  app.post('/completions', async (request, reply) => {
    const body = parseBody(CompletionBodySchema, request.body);
    const target = resolveTextModel(studio, body.model);
    const prompt = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] as string);
    const logprobs = logprobsOf(body, target);
    const textRequest: TextGenerationRequest = {
      kind: 'completion',
      model: target.id,
      prompt,
      ...textOptions(body),
      ...(logprobs !== undefined && { logprobs }),
    };
    return serveText(studio, reply, body, target, textRequest);
  });
}
