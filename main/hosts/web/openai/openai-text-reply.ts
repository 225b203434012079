import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { StudioServices } from '../../../app/studio.js';
import type { TextGenerationRequest, TextGenerationResult } from '../../../core/text/text-service.js';
import { runApiJob } from './api-job.js';
import { toOpenAiError } from './openai-errors.js';
import { chatLogprobs, completionLogprobs } from './openai-logprobs.js';
import type { ChatCompletionBody, CompletionBody } from './openai-schemas.js';
import { ToolCallIds } from './openai-tool-calls.js';
import { SseStream } from './sse-stream.js';

export interface TextTarget {
  /** What TextService takes: an installed id, or `remote:<name>/<model>`. */
  id: string;
  name: string;
  /** One request at a time per engine: the local llama host, or each remote model. */
  queue: string;
}

const finishReason = (result: TextGenerationResult) =>
  result.toolCalls && result.toolCalls.length > 0 ? 'tool_calls' : result.stopReason === 'maxTokens' ? 'length' : 'stop';

/** Prompt tokens once (every choice reads the same prompt), completion tokens of every choice. */
const usageOf = (results: readonly TextGenerationResult[]) => {
  const prompt = results[0]?.promptTokens ?? 0;
  const completion = results.reduce((sum, r) => sum + r.tokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
};

/** Choice `index` of `n`: a given seed moves on by one per choice, so the choices differ and each can be made again. */
function requestForChoice(request: TextGenerationRequest, index: number): TextGenerationRequest {
  const seed = request.sampling.seed;
  if (index === 0 || seed === undefined) return request;
  return { ...request, sampling: { ...request.sampling, seed: (seed + index) % 2 ** 32 } };
}

/**
 * Runs a chat or completion request as one job in the tray and answers it in OpenAI's
 * shape, whole or streamed: `n` choices one after another (the engine holds one sequence),
 * each with its text and its function calls.
 */
export async function serveText(
  studio: StudioServices,
  reply: FastifyReply,
  body: ChatCompletionBody | CompletionBody,
  target: TextTarget,
  textRequest: TextGenerationRequest,
): Promise<FastifyReply> {
  const chat = textRequest.kind === 'chat';
  const n = body.n ?? 1;
  const id = `${chat ? 'chatcmpl' : 'cmpl'}-${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const object = chat ? 'chat.completion.chunk' : 'text_completion';
  const stream = body.stream === true ? new SseStream(reply) : undefined;
  const calls = Array.from({ length: n }, () => new ToolCallIds());
  const chunkOf = (index: number, delta: object, finish: string | null, logprobs: object | null = null) => ({
    id,
    object,
    created,
    model: body.model,
    choices: [{ index, delta, logprobs, finish_reason: finish }],
  });
  const piece = (index: number, content: string | undefined, finish: string | null, role = false) =>
    chat
      ? chunkOf(index, { ...(role && { role: 'assistant' }), ...(content !== undefined && { content }) }, finish)
      : { id, object, created, model: body.model, choices: [{ index, text: content ?? '', logprobs: null, finish_reason: finish }] };
  // Probabilities are worked out once the reply is whole (llama-logprobs.ts), so a stream carries them in one chunk before the finish.
  const logprobsPiece = (index: number, result: TextGenerationResult) => {
    if (!result.logprobs) return undefined;
    if (chat) return chunkOf(index, { content: '' }, null, chatLogprobs(result.logprobs));
    return { id, object, created, model: body.model, choices: [{ index, text: '', logprobs: completionLogprobs(result.logprobs), finish_reason: null }] };
  };

  const maxTokens = textRequest.sampling.maxTokens * n;
  let results: TextGenerationResult[];
  try {
    results = await runApiJob(studio, reply, {
      kind: chat ? 'api.chat' : 'api.completion',
      title: `${chat ? 'API chat' : 'API completion'} · ${target.name}`,
      queue: target.queue,
      run: async ({ signal, progress }) => {
        progress({ fraction: null, detail: `Waiting for ${target.name}…` });
        const made: TextGenerationResult[] = [];
        let tokens = 0;
        for (let index = 0; index < n; index++) {
          // Fraction and count only: the job manager coalesces those (job-manager.ts), while a partial text would go to every
          // event listener in full on every token, and nothing shows an API job's text before it ends.
          const tick = () => progress({ fraction: Math.min(0.99, tokens / maxTokens), detail: `${tokens} tokens` });
          if (stream && chat) stream.send(piece(index, '', null, true));
          const result = await studio.text.generate(
            requestForChoice(textRequest, index),
            signal,
            (chunk) => {
              tokens += 1;
              stream?.send(piece(index, chunk, null));
              tick();
            },
            (fragment) => {
              tokens += 1;
              for (const delta of calls[index]?.deltas(fragment) ?? []) stream?.send(chunkOf(index, { tool_calls: [delta] }, null));
              tick();
            },
          );
          if (stream) {
            const unstreamed = calls[index]?.complete(result.toolCalls ?? []).unstreamed ?? [];
            for (const delta of unstreamed) stream.send(chunkOf(index, { tool_calls: [delta] }, null));
            const probabilities = logprobsPiece(index, result);
            if (probabilities) stream.send(probabilities);
            stream.send(piece(index, undefined, finishReason(result)));
          }
          made.push(result);
        }
        const last = made.at(-1);
        if (last) progress({ fraction: 1, detail: `${tokens} tokens · ${last.tokensPerSecond.toFixed(1)} tok/s`, partial: { text: last.text } });
        return made;
      },
      summary: (made) => ({
        model: made[0]?.model.id,
        tokens: made.reduce((sum, r) => sum + r.tokens, 0),
        stopReason: made[0]?.stopReason,
        tokensPerSecond: made[0]?.tokensPerSecond,
      }),
    });
  } catch (error) {
    if (!stream) throw error;
    stream.fail(toOpenAiError(error).body());
    return reply;
  }

  if (stream) {
    if (body.stream_options?.include_usage) stream.send({ id, object, created, model: body.model, choices: [], usage: usageOf(results) });
    stream.done();
    return reply;
  }
  const choices = results.map((result, index) => {
    if (!chat) return { index, text: result.text, logprobs: result.logprobs ? completionLogprobs(result.logprobs) : null, finish_reason: finishReason(result) };
    const toolCalls = calls[index]?.complete(result.toolCalls ?? []).all ?? [];
    const message = {
      role: 'assistant',
      content: toolCalls.length > 0 && result.text === '' ? null : result.text,
      refusal: null,
      ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
    };
    return { index, message, logprobs: result.logprobs ? chatLogprobs(result.logprobs) : null, finish_reason: finishReason(result) };
  });
  return reply.send({ id, object: chat ? 'chat.completion' : 'text_completion', created, model: body.model, choices, usage: usageOf(results) });
}
