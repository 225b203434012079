/**
 * Request bodies of the OpenAI endpoints Atelier serves, as the official API documents
 * them. Objects are loose: clients send fields Atelier has no use for (user,
 * frequency_penalty…), which are ignored; fields it does use are checked strictly.
 */
import { z } from 'zod';
import { boundedJsonObject, JSON_LIMITS } from '../../../../preload/limits.js';
import { IMAGE_LIMITS, IMAGE_TEMPLATES } from '../../../../preload/schemas/image.js';
import { TextSamplingOptionsSchema } from '../../../core/text/text-service.js';

const ModelField = z.string().min(1).max(400);
const Stop = z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(8)]);
/** The engine's sampling fields, under OpenAI's names; only the reply length gets a cap of its own. */
const MaxTokens = TextSamplingOptionsSchema.shape.maxTokens.max(131_072);

const ContentPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const MessageContent = z.union([z.string(), z.array(ContentPart).max(256)]);

const ChatMessageSchema = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant']),
    content: MessageContent.nullable().default(''),
  })
  .loose();

const JsonSchemaFormat = z.object({
  type: z.literal('json_schema'),
  json_schema: z
    .object({
      name: z.string().max(64).optional(),
      schema: boundedJsonObject(JSON_LIMITS.schema, 'The JSON schema'),
      strict: z.boolean().nullable().optional(),
    })
    .loose(),
});
const ResponseFormat = z.discriminatedUnion('type', [z.object({ type: z.literal('text') }), z.object({ type: z.literal('json_object') }), JsonSchemaFormat]);

const Sampling = {
  model: ModelField,
  max_tokens: MaxTokens.nullable().optional(),
  temperature: TextSamplingOptionsSchema.shape.temperature.unwrap().nullable().optional(),
  top_p: TextSamplingOptionsSchema.shape.topP.nullable().optional(),
  seed: TextSamplingOptionsSchema.shape.seed.unwrap().nullable().optional(),
  stop: Stop.nullable().optional(),
  /** Atelier answers one choice per request. */
  n: z.literal(1).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
};

export const ChatCompletionBodySchema = z
  .object({
    ...Sampling,
    messages: z.array(ChatMessageSchema).min(1).max(1024),
    /** The newer name for max_tokens. */
    max_completion_tokens: MaxTokens.nullable().optional(),
    response_format: ResponseFormat.optional(),
  })
  .loose();
export type ChatCompletionBody = z.infer<typeof ChatCompletionBodySchema>;

export const CompletionBodySchema = z
  .object({
    ...Sampling,
    prompt: z.union([z.string().max(1_000_000), z.array(z.string().max(1_000_000)).length(1)]),
    echo: z.literal(false).optional(),
    response_format: ResponseFormat.optional(),
  })
  .loose();
export type CompletionBody = z.infer<typeof CompletionBodySchema>;

export const ImageBodySchema = z
  .object({
    model: ModelField.default('procedural'),
    prompt: z.string().max(IMAGE_LIMITS.prompt),
    n: z.int().min(IMAGE_LIMITS.count.min).max(IMAGE_LIMITS.count.max).default(1),
    size: z
      .string()
      .regex(/^\d{2,4}x\d{2,4}$/, 'WIDTHxHEIGHT, e.g. 512x512')
      .default('1024x1024'),
    response_format: z.enum(['b64_json', 'url']).default('b64_json'),
    /** Atelier extensions: the same seed makes the same picture; which procedural template draws it. */
    seed: z.int().min(IMAGE_LIMITS.seed.min).max(IMAGE_LIMITS.seed.max).optional(),
    template: z.enum(IMAGE_TEMPLATES).optional(),
    text: z.string().max(IMAGE_LIMITS.text).optional(),
    negative_prompt: z.string().max(IMAGE_LIMITS.prompt).optional(),
    steps: z.int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max).optional(),
  })
  .loose();
export const SpeechBodySchema = z
  .object({
    model: ModelField,
    input: z.string().min(1).max(100_000),
    voice: z.string().min(1).max(120).default('alloy'),
    speed: z.number().min(0.25).max(4).default(1),
    response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).default('mp3'),
  })
  .loose();
/** "512x768" → sides, checked against what the engines can draw. */
export function parseSize(size: string): { width: number; height: number } {
  const [w, h] = size.split('x').map(Number) as [number, number];
  return { width: w, height: h };
}
