/**
 * The text engine's request and result shapes, shared by the Write tab's handler, the
 * CLI and the OpenAI-compatible API: everything that asks a local language model for
 * words goes through `TextService` (main/core/text/text-service.ts) with these.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TextSamplingOptions {
  temperature: number;
  topP: number;
  maxTokens: number;
  /** Absent: a random one is drawn, and the result records it. */
  seed?: number;
  /** Generation stops before any of these strings. */
  stop?: string[];
}

interface TextGenerationBase {
  /** An installed text model id or a GGUF path (CLI); absent means the active text model. */
  model?: string;
  sampling: TextSamplingOptions;
  /** The reply must follow this JSON schema (node-llama-cpp grammar). */
  jsonSchema?: Record<string, unknown>;
}

/** A conversation, formatted with the model's own chat template. */
export interface ChatGenerationRequest extends TextGenerationBase {
  kind: 'chat';
  messages: ChatMessage[];
}

/** Raw continuation of a prompt, no chat template (OpenAI /v1/completions). */
export interface CompletionGenerationRequest extends TextGenerationBase {
  kind: 'completion';
  prompt: string;
}

export type TextGenerationRequest = ChatGenerationRequest | CompletionGenerationRequest;

export type StopReason = 'eos' | 'maxTokens' | 'stop' | 'cancelled';

export interface TextGenerationResult {
  text: string;
  /** The parsed reply when a JSON schema constrained it. */
  json?: unknown;
  model: { id: string; name: string; path: string };
  seed: number;
  tokens: number;
  promptTokens: number;
  stopReason: StopReason;
  /** From the first generated token to the last. */
  tokensPerSecond: number;
  timeToFirstTokenMs: number;
  durationMs: number;
}

/** Each piece of text as it is generated (not the text so far). */
export type OnTextChunk = (chunk: string) => void;
