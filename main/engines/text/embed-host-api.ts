import { z } from 'zod';
import { defineHostProtocol } from '../../platform/engine-host/host-protocol.js';

/** At most this many inputs in one request (OpenAI allows 2048 per call). */
export const MAX_EMBED_INPUTS = 2048;

const EmbedLoadParamsSchema = z.object({
  path: z.string().min(1),
  /** For messages: "nomic-embed-text v1.5". */
  name: z.string(),
  threads: z.int().positive(),
  gpu: z.enum(['auto', 'off']),
});
export type EmbedLoadParams = z.output<typeof EmbedLoadParamsSchema>;

const EmbedLoadedModelSchema = z.object({
  architecture: z.string(),
  /** The length of every vector the model makes. */
  dimensions: z.int().positive(),
  /** The most tokens one input may have (the model's trained context, capped). */
  contextSize: z.int().positive(),
});
export type EmbedLoadedModel = z.output<typeof EmbedLoadedModelSchema>;

/** Text, or token ids already made with the model's tokenizer (OpenAI's token-array input). */
const EmbedInputSchema = z.union([z.string().max(1_000_000), z.array(z.int().nonnegative()).max(1_000_000)]);
export type EmbedInput = z.output<typeof EmbedInputSchema>;

const EmbedResultSchema = z.object({
  /** One unit-length vector per input, in order. */
  vectors: z.array(z.array(z.number())),
  /** Tokens evaluated over all inputs, with the model's own start and end tokens. */
  promptTokens: z.int().nonnegative(),
});
export type EmbedResult = z.output<typeof EmbedResultSchema>;

/** The embedding engine host's methods (embed-host.ts serves them, embed-client.ts calls them). */
export const EMBED_PROTOCOL = defineHostProtocol({
  load: { params: EmbedLoadParamsSchema, result: EmbedLoadedModelSchema },
  embed: { params: z.object({ inputs: z.array(EmbedInputSchema).min(1).max(MAX_EMBED_INPUTS) }), result: EmbedResultSchema },
  unload: { params: z.object({}), result: z.null() },
});
