/**
 * The request body of `POST /v1/responses` (OpenAI's Responses API), as far as Atelier
 * serves it: text in, text or function calls out. Objects are loose like the chat body's
 * (clients send `include`, `user`, `truncation`…, which are ignored); every item and
 * part type parses, so one Atelier cannot take gets a 400 that names it, not a schema error.
 */
import { z } from 'zod';
import { boundedJsonObject, JSON_LIMITS } from '../../../../preload/limits.js';
import { TextSamplingOptionsSchema } from '../../../core/text/text-service.js';

const Text = z.string().max(1_000_000);
const FunctionName = z.string().min(1).max(64);
const CallId = z.string().min(1).max(200);

/** `input_text`, an assistant's `output_text`, or anything else (refused by name later). */
const ContentPart = z.object({ type: z.string().max(64), text: Text.optional() }).loose();
const Content = z.union([Text, z.array(ContentPart).max(256)]);
export type ResponsesContent = z.infer<typeof Content>;

export const MessageItemSchema = z
  .object({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: Content,
    id: z.string().max(200).optional(),
  })
  .loose();
export const FunctionCallItemSchema = z
  .object({
    type: z.literal('function_call'),
    call_id: CallId,
    name: FunctionName,
    arguments: z.string().max(1_000_000),
    id: z.string().max(200).optional(),
  })
  .loose();
export const FunctionCallOutputItemSchema = z
  .object({ type: z.literal('function_call_output'), call_id: CallId, output: Content, id: z.string().max(200).nullable().optional() })
  .loose();
export const ItemReferenceSchema = z.object({ type: z.literal('item_reference'), id: z.string().min(1).max(200) }).loose();
/**
 * Each item is parsed by its own `type` when it is read (openai-responses-input.ts), so
 * an error names the item's own field; a role without `type` is a message (the "easy"
 * form clients send). Reasoning, computer calls, shell calls… are refused by name.
 */
const InputItem = z.object({ type: z.string().max(64).optional() }).loose();

/** The Responses API's flat function tool (name at the top, not under `function`); other tool types are refused by name. */
const Tool = z
  .object({
    type: z.string().max(64),
    name: FunctionName.optional(),
    description: z.string().max(4000).nullable().optional(),
    parameters: boundedJsonObject(JSON_LIMITS.schema, 'The parameters schema').nullable().optional(),
    strict: z.boolean().nullable().optional(),
  })
  .loose();

const ToolChoice = z.union([z.enum(['auto', 'none', 'required']), z.object({ type: z.string().max(64), name: FunctionName.optional() }).loose()]);

const Format = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      name: z.string().max(64).optional(),
      description: z.string().max(4000).nullable().optional(),
      schema: boundedJsonObject(JSON_LIMITS.schema, 'The JSON schema'),
      strict: z.boolean().nullable().optional(),
    })
    .loose(),
]);

export const ResponsesBodySchema = z
  .object({
    model: z.string().min(1).max(400),
    input: z.union([Text, z.array(InputItem).max(1024)]),
    instructions: Text.nullable().optional(),
    temperature: TextSamplingOptionsSchema.shape.temperature.unwrap().nullable().optional(),
    top_p: TextSamplingOptionsSchema.shape.topP.nullable().optional(),
    max_output_tokens: TextSamplingOptionsSchema.shape.maxTokens.max(131_072).nullable().optional(),
    tools: z.array(Tool).max(128).nullable().optional(),
    tool_choice: ToolChoice.nullable().optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    text: z.object({ format: Format.nullable().optional() }).loose().nullable().optional(),
    stream: z.boolean().nullable().optional(),
    store: z.boolean().nullable().optional(),
    previous_response_id: z.string().max(200).nullable().optional(),
    metadata: z.record(z.string().max(64), z.string().max(512)).nullable().optional(),
    /** Not OpenAI's (the Responses API has no seed), but the same seed makes the same reply here. */
    seed: z.int().nullable().optional(),
    background: z.boolean().nullable().optional(),
    conversation: z.unknown().optional(),
  })
  .loose();
export type ResponsesBody = z.infer<typeof ResponsesBodySchema>;
