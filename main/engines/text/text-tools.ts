import { z } from 'zod';
import { JsonSchemaInputSchema } from '../../../preload/schemas/text.js';

/**
 * Function calling, as every text caller hands it to the engine (the OpenAI API's `tools`,
 * later the Write tab's director). Arguments travel as JSON text, the way OpenAI clients
 * send and expect them; the llama host parses and re-serialises them at its edge.
 */
export const ToolSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
  description: z.string().max(4000).optional(),
  /** A JSON schema for the arguments object; absent means the function takes none. */
  parameters: JsonSchemaInputSchema.optional(),
});
export type Tool = z.output<typeof ToolSchema>;

/** `auto`: the model decides; `none`: words only; `required`: at least one call; `{ name }`: that function. */
export const ToolChoiceSchema = z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string().min(1).max(64) })]);
export type ToolChoice = z.output<typeof ToolChoiceSchema>;

export const ToolCallSchema = z.object({
  /** The caller's id for the call (OpenAI `call_…`); the engine never sees ids, only their order. */
  id: z.string().max(200).optional(),
  name: z.string().min(1).max(64),
  /** The arguments object as JSON text. */
  arguments: z.string(),
});
export type ToolCall = z.output<typeof ToolCallSchema>;

/** One piece of a call as it is generated: `fragment` is more of its arguments' JSON text. */
export const ToolCallFragmentSchema = z.object({ index: z.int().nonnegative(), name: z.string(), fragment: z.string() });
export type ToolCallFragment = z.output<typeof ToolCallFragmentSchema>;
export type OnToolCallFragment = (fragment: ToolCallFragment) => void;
