import { z } from 'zod';
import { JsonSchemaInputSchema, TEXT_LIMITS, TextResultSchema, TextSamplingSchema } from '../../../preload/schemas/text.js';
import { ToolCallSchema, ToolChoiceSchema, ToolSchema } from './text-tools.js';

/**
 * The text engine's request and result shapes, shared by the Write tab's handler, the
 * CLI and the OpenAI-compatible API: everything that asks a local language model for
 * words goes through `TextService` (main/core/text/text-service.ts) with these. They are
 * schemas because the llama host parses them at its entry (llama-host-api.ts).
 */
export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  /** An assistant turn's function calls (their results follow as `tool` messages). */
  toolCalls: z.array(ToolCallSchema).max(64).optional(),
  /** A `tool` message: the id of the call it answers, or, without ids, the function's name. */
  toolCallId: z.string().max(200).optional(),
  name: z.string().max(64).optional(),
});
export type ChatMessage = z.output<typeof ChatMessageSchema>;

/**
 * The contract's sampling fields (preload TextSamplingSchema: the one declaration), as the
 * engine takes them from every caller: the OpenAI API allows top_p 0 and replies longer
 * than the Write tab's limit, and may end the reply at stop strings.
 */
export const TextSamplingOptionsSchema = z.object({
  ...TextSamplingSchema.shape,
  topP: z.number().min(0).max(TEXT_LIMITS.topP.max),
  maxTokens: z.int().min(TEXT_LIMITS.maxTokens.min),
  /** Generation stops before any of these strings. */
  stop: z.array(z.string()).optional(),
});
/** The request around a sampling schema: as callers send it, or as the host receives it (seed drawn). */
function generationRequestSchema<Sampling extends z.ZodType>(sampling: Sampling) {
  const base = {
    /** An installed text model id or a GGUF path (CLI); absent means the active text model. */
    model: z.string().optional(),
    sampling,
    /** The reply must follow this JSON schema (node-llama-cpp grammar), held to the contract's depth and size. */
    jsonSchema: JsonSchemaInputSchema.optional(),
    /** The reply must be one JSON object with any keys (OpenAI's json_object mode). */
    jsonObject: z.boolean().optional(),
    /** Report each generated token's log probability, with this many most likely alternatives (OpenAI's logprobs / top_logprobs). */
    logprobs: z.int().min(0).max(20).optional(),
  };
  return z.discriminatedUnion('kind', [
    /** A conversation, formatted with the model's own chat template. */
    z.object({
      ...base,
      kind: z.literal('chat'),
      messages: z.array(ChatMessageSchema),
      /** Functions the model may call (function calling through the model's chat wrapper, llama-tools.ts). */
      tools: z.array(ToolSchema).max(128).optional(),
      toolChoice: ToolChoiceSchema.optional(),
      /** false: at most one call per reply. */
      parallelToolCalls: z.boolean().optional(),
    }),
    /** Raw continuation of a prompt, no chat template (OpenAI /v1/completions). */
    z.object({ ...base, kind: z.literal('completion'), prompt: z.string() }),
  ]);
}

export const TextGenerationRequestSchema = generationRequestSchema(TextSamplingOptionsSchema);
/** What reaches the llama host: the service has drawn the seed by then. */
export const SeededTextGenerationRequestSchema = generationRequestSchema(TextSamplingOptionsSchema.extend({ seed: TextSamplingSchema.shape.seed.unwrap() }));
export type TextGenerationRequest = z.output<typeof TextGenerationRequestSchema>;
export type SeededTextGenerationRequest = z.output<typeof SeededTextGenerationRequestSchema>;

const StopReasonSchema = TextResultSchema.shape.stopReason;

const TokenProbabilitySchema = z.object({ token: z.string(), logprob: z.number(), bytes: z.array(z.int().min(0).max(255)) });
/** One generated token: its text, its natural log probability under the model, and the likeliest tokens at that place. */
export const TokenLogprobSchema = TokenProbabilitySchema.extend({ top: z.array(TokenProbabilitySchema) });
export type TokenLogprob = z.output<typeof TokenLogprobSchema>;
export type StopReason = z.output<typeof StopReasonSchema>;

/** What the engine made, before the service adds which model made it. */
export const GeneratedTextSchema = z.object({
  text: z.string(),
  /** The parsed reply when a JSON schema constrained it. */
  json: z.unknown().optional(),
  /** Function calls the reply made, in order (then `text` is whatever the model said before them). */
  toolCalls: z.array(ToolCallSchema).optional(),
  /** Each generated token's probability, when the request asked for them. */
  logprobs: z.array(TokenLogprobSchema).optional(),
  seed: z.int(),
  tokens: z.int(),
  promptTokens: z.int(),
  stopReason: StopReasonSchema,
  /** From the first generated token to the last. */
  tokensPerSecond: z.number(),
  timeToFirstTokenMs: z.number(),
  durationMs: z.number(),
});
export type GeneratedText = z.output<typeof GeneratedTextSchema>;

export interface TextGenerationResult extends GeneratedText {
  model: { id: string; name: string; path: string };
}

/** Each piece of text as it is generated (not the text so far). */
export type OnTextChunk = (chunk: string) => void;
