import { z } from 'zod';
import { boundedJsonObject, JSON_LIMITS } from '../limits.js';
import { TEXT_LIMITS } from './text-limits.js';
export { TEXT_LIMITS } from './text-limits.js';

/** What the Write tab's assistant can do with a document; `prompt` is the free prompt. */
export const TEXT_ACTIONS = ['continue', 'rewrite', 'shorten', 'expand', 'summarize', 'translate', 'titles', 'prompt'] as const;
export const TextActionSchema = z.enum(TEXT_ACTIONS);
export type TextAction = z.infer<typeof TextActionSchema>;

export const TEXT_TONES = ['plain', 'formal', 'friendly', 'vivid'] as const;
export const TextToneSchema = z.enum(TEXT_TONES);
export type TextTone = z.infer<typeof TextToneSchema>;

export const TextSamplingSchema = z.strictObject({
  temperature: z.number().min(TEXT_LIMITS.temperature.min).max(TEXT_LIMITS.temperature.max).default(TEXT_LIMITS.temperature.default),
  topP: z.number().min(TEXT_LIMITS.topP.min).max(TEXT_LIMITS.topP.max).default(TEXT_LIMITS.topP.default),
  maxTokens: z.int().min(TEXT_LIMITS.maxTokens.min).max(TEXT_LIMITS.maxTokens.max).default(TEXT_LIMITS.maxTokens.default),
  /** Absent: a random seed, recorded in the result so the output can be made again. */
  seed: z.int().min(TEXT_LIMITS.seed.min).max(TEXT_LIMITS.seed.max).optional(),
});
export type TextSampling = z.output<typeof TextSamplingSchema>;

/**
 * A JSON schema the reply must follow (node-llama-cpp turns it into a grammar). Held to
 * a depth and a size: the grammar builder recurses, and a few thousand levels kill the engine host.
 */
export const JsonSchemaInputSchema = boundedJsonObject(JSON_LIMITS.schema, 'The JSON schema');

export const TextRequestSchema = z.strictObject({
  action: TextActionSchema,
  /** The Markdown document being worked on (context for Continue, the subject of the others). */
  document: z.string().max(400_000).default(''),
  /** The part to work on; absent means the whole document. */
  selection: z.string().max(200_000).optional(),
  /** The free prompt (action `prompt`), or an extra instruction for the others. */
  prompt: z.string().max(50_000).optional(),
  tone: TextToneSchema.optional(),
  /** Target language of Translate, in words ("French", "Japanese"). */
  language: z.string().min(1).max(60).optional(),
  /** Replaces the default system prompt of the action. */
  system: z.string().max(20_000).optional(),
  /** Absent: each field's own default (the sampling schema fills them in). */
  sampling: TextSamplingSchema.prefault({}),
  jsonSchema: JsonSchemaInputSchema.optional(),
  /** An installed text model id; absent means the active text model. */
  model: z.string().min(1).max(200).optional(),
});
export type TextRequest = z.output<typeof TextRequestSchema>;

/** The result of a finished `text.generate` job (`job.result`). */
export const TextResultSchema = z.object({
  text: z.string(),
  /** Parsed reply when a JSON schema constrained it. */
  json: z.unknown().optional(),
  model: z.object({ id: z.string(), name: z.string() }),
  system: z.string(),
  prompt: z.string(),
  seed: z.number().int(),
  /** The request's sampling, less the seed (recorded above, drawn when the request had none). */
  sampling: z.object(TextSamplingSchema.pick({ temperature: true, topP: true, maxTokens: true }).shape),
  tokens: z.number().int().nonnegative(),
  tokensPerSecond: z.number().nonnegative(),
  stopReason: z.enum(['eos', 'maxTokens', 'stop', 'cancelled']),
  durationMs: z.number().nonnegative(),
});
export type TextResult = z.infer<typeof TextResultSchema>;

/** A system prompt the creator keeps (built-in ones can be edited and reset). */
export const SystemPresetSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  system: z.string().max(20_000),
  builtIn: z.boolean().default(false),
});
export type SystemPreset = z.output<typeof SystemPresetSchema>;

/** Saves the Write document as a Markdown asset of the open project (a new one, or over `assetId`). */
export const TextDocumentSaveSchema = z.strictObject({
  assetId: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(200),
  markdown: z.string().max(2_000_000),
  /** How the latest accepted suggestion was made (model, prompt, parameters, seed). */
  origin: z
    .strictObject({
      model: z.string().max(200).optional(),
      prompt: z.string().max(50_000).optional(),
      seed: z.int().optional(),
      parameters: boundedJsonObject(JSON_LIMITS.parameters, 'origin.parameters').optional(),
    })
    .optional(),
});
export type TextDocumentSave = z.output<typeof TextDocumentSaveSchema>;
