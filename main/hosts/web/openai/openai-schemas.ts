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

/** Any part type parses, so a picture or a sound gets a 400 that says what the model cannot take, not a schema error. */
const ContentPart = z.object({ type: z.string().max(64), text: z.string().optional() }).loose();
const MessageContent = z.union([z.string(), z.array(ContentPart).max(256)]);
export type OpenAiMessageContent = z.infer<typeof MessageContent>;

const FunctionName = z.string().min(1).max(64);
const ToolCallItem = z
  .object({
    id: z.string().max(200),
    type: z.literal('function').default('function'),
    function: z.object({ name: FunctionName, arguments: z.string().max(1_000_000).default('{}') }).loose(),
  })
  .loose();

const ChatMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['system', 'developer', 'user']), content: MessageContent.nullable().default('') }).loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: MessageContent.nullable().default(''),
      tool_calls: z.array(ToolCallItem).max(64).nullable().optional(),
      /** The legacy single call, before tool_calls. */
      function_call: z
        .object({ name: FunctionName, arguments: z.string().max(1_000_000).default('{}') })
        .loose()
        .nullable()
        .optional(),
    })
    .loose(),
  z.object({ role: z.literal('tool'), content: MessageContent.nullable().default(''), tool_call_id: z.string().max(200) }).loose(),
  /** The legacy result message, matched to its call by name. */
  z.object({ role: z.literal('function'), content: MessageContent.nullable().default(''), name: FunctionName }).loose(),
]);
export type OpenAiChatMessage = z.infer<typeof ChatMessageSchema>;

const ToolDefinition = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: FunctionName,
        description: z.string().max(4000).optional(),
        parameters: boundedJsonObject(JSON_LIMITS.schema, 'The parameters schema').optional(),
        strict: z.boolean().nullable().optional(),
      })
      .loose(),
  })
  .loose();
const ToolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: FunctionName }).loose() }).loose(),
]);

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
  /** Any integer, as OpenAI takes; wrapped into the engine's 32-bit seeds. */
  seed: z.int().nullable().optional(),
  stop: Stop.nullable().optional(),
  /** Choices are made one after another, so a few at most. */
  n: z.int().min(1).max(8).nullable().optional(),
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
    tools: z.array(ToolDefinition).max(128).nullable().optional(),
    tool_choice: ToolChoice.nullable().optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    /** Each generated token's log probability, with top_logprobs alternatives (OpenAI allows 0 to 20). */
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.int().min(0).max(20).nullable().optional(),
  })
  .loose();
export type ChatCompletionBody = z.infer<typeof ChatCompletionBodySchema>;

export const CompletionBodySchema = z
  .object({
    ...Sampling,
    prompt: z.union([z.string().max(1_000_000), z.array(z.string().max(1_000_000)).length(1)]),
    echo: z.literal(false).optional(),
    response_format: ResponseFormat.optional(),
    /** The legacy form: how many alternatives to list beside each token's own log probability (0 to 5). */
    logprobs: z.int().min(0).max(5).nullable().optional(),
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
