import { AtelierError } from '../../../preload/errors.js';
import type { OnTextChunk, StopReason, TextGenerationRequest, TextGenerationResult } from '../../engines/text/text-generation.js';
import type { RemoteTextRouter } from '../text/text-service.js';
import { summarizeRemoteText } from './remote-error-body.js';
import { bodyChunks, openRemote, sseData, TEXT_TIMEOUTS, type RemoteTimeouts } from './remote-http.js';
import { parseRemoteModelId, remoteModelId } from './remote-model-id.js';
import type { RemoteStore, ResolvedRemote } from './remote-store.js';

interface StreamChunk {
  choices?: { delta?: { content?: string | null }; text?: string; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/** What the OpenAI API calls the body of a text request, from Atelier's request. */
function openAiTextBody(modelName: string, request: TextGenerationRequest): Record<string, unknown> {
  const { sampling } = request;
  return {
    model: modelName,
    ...(request.kind === 'chat' ? { messages: request.messages } : { prompt: request.prompt }),
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: sampling.maxTokens,
    temperature: sampling.temperature,
    top_p: sampling.topP,
    ...(sampling.seed !== undefined && { seed: sampling.seed }),
    ...(sampling.stop && sampling.stop.length > 0 && { stop: sampling.stop }),
    ...(request.jsonSchema && { response_format: { type: 'json_schema', json_schema: { name: 'reply', schema: request.jsonSchema, strict: true } } }),
  };
}

/**
 * Asks an OpenAI-compatible server (llama.cpp server, vLLM, LocalAI, another Atelier)
 * for words, streamed: the same result shape as the local engine, so the Write tab, the
 * CLI and the API cannot tell the difference. A cancel closes the connection, which
 * stops the remote's generation; what arrived so far is kept, as the local engine does.
 */
export async function generateRemote(
  remote: ResolvedRemote,
  modelName: string,
  request: TextGenerationRequest,
  signal: AbortSignal,
  onChunk?: OnTextChunk,
  timeouts: RemoteTimeouts = TEXT_TIMEOUTS,
): Promise<TextGenerationResult> {
  const started = performance.now();
  const path = request.kind === 'chat' ? '/v1/chat/completions' : '/v1/completions';
  let text = '';
  let pieces = 0;
  let firstAt = 0;
  let finish: string | null | undefined;
  let usage: StreamChunk['usage'];
  let sawDone = false;
  try {
    const response = await openRemote(
      remote,
      { method: 'POST', path, body: openAiTextBody(modelName, request), accept: 'text/event-stream' },
      signal,
      timeouts,
    );
    for await (const data of sseData(bodyChunks(response, remote, signal, timeouts.idleMs))) {
      if (data === '[DONE]') {
        sawDone = true;
        break;
      }
      let chunk: StreamChunk;
      try {
        chunk = JSON.parse(data) as StreamChunk;
      } catch {
        throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" sent a stream event that is not JSON.`);
      }
      if (chunk.error)
        throw new AtelierError(
          'REMOTE_FAILED',
          `The remote "${remote.name}" failed mid-reply: ${summarizeRemoteText(String(chunk.error.message ?? '')) || 'no reason given'}`,
        );
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const piece = request.kind === 'chat' ? choice.delta?.content : choice.text;
      if (typeof piece === 'string' && piece !== '') {
        if (pieces === 0) firstAt = performance.now();
        pieces += 1;
        text += piece;
        onChunk?.(piece);
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  } catch (error) {
    const cancelled = signal.aborted || (error instanceof AtelierError && error.code === 'CANCELLED');
    if (!cancelled) throw error;
    finish = 'cancelled';
  }
  if (!sawDone && finish === undefined) {
    throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" ended its stream without finishing the reply.`);
  }
  const ended = performance.now();
  const tokens = usage?.completion_tokens ?? pieces;
  const streamSeconds = firstAt > 0 ? (ended - firstAt) / 1000 : 0;
  let json: unknown;
  if (request.jsonSchema && finish !== 'cancelled') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return {
    text,
    ...(json !== undefined && { json }),
    model: { id: remoteModelId(remote.name, modelName), name: `${modelName} (remote ${remote.name})`, path: remote.url },
    seed: request.sampling.seed ?? 0,
    tokens,
    promptTokens: usage?.prompt_tokens ?? 0,
    stopReason: stopReasonOf(finish),
    tokensPerSecond: streamSeconds > 0 && tokens > 1 ? (tokens - 1) / streamSeconds : 0,
    timeToFirstTokenMs: firstAt > 0 ? firstAt - started : 0,
    durationMs: ended - started,
  };
}

function stopReasonOf(finish: string | null | undefined): StopReason {
  if (finish === 'cancelled') return 'cancelled';
  if (finish === 'length') return 'maxTokens';
  return 'eos';
}

/** What `TextService.setRemoteRouter` takes: `remote:<name>/<model>` ids go to that remote. */
export function remoteTextRouter(store: RemoteStore): RemoteTextRouter {
  return (modelId, request, signal, onChunk) => {
    const { remote, model } = parseRemoteModelId(modelId);
    return generateRemote(store.get(remote), model, request, signal, onChunk);
  };
}
