import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StudioServices } from '../../../app/studio.js';
import { MAX_EMBED_INPUTS, type EmbedInput } from '../../../core/text/embedding-service.js';
import { modelNotFound, OpenAiError } from './openai-errors.js';
import { parseBody } from './openai-text.js';

const TokenIds = z
  .array(
    z
      .int()
      .nonnegative()
      .max(2 ** 31 - 1),
  )
  .min(1, 'a token array must not be empty');
const Text = z.string().min(1, 'an input string must not be empty').max(1_000_000);

/** As OpenAI documents it: one string, strings, one token array, or token arrays (at most 2048 inputs). */
export const EmbeddingsBodySchema = z
  .object({
    model: z.string().min(1).max(400),
    input: z.union([Text, z.array(Text).min(1).max(MAX_EMBED_INPUTS), TokenIds, z.array(TokenIds).min(1).max(MAX_EMBED_INPUTS)]),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.int().positive().optional(),
    user: z.string().max(400).optional(),
  })
  .loose();

/** A plain token array (numbers) is one input; anything else is a list of them. */
function inputsOf(input: z.output<typeof EmbeddingsBodySchema>['input']): EmbedInput[] {
  if (typeof input === 'string') return [input];
  if (input.every((item) => typeof item === 'number')) return [input as number[]];
  return input as EmbedInput[];
}

/** What the openai client decodes when it asks for base64: the float32 values, little-endian. */
function base64Of(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}

/**
 * POST /v1/embeddings: vectors from an installed embedding model, in OpenAI's shape (what
 * LangChain's OpenAIEmbeddings and the AI SDK's embed/embedMany send). Not a job in the
 * tray: a retrieval pipeline sends many small requests, and each returns in moments.
 */
export function registerEmbeddingsRoutes(app: FastifyInstance, studio: StudioServices): void {
  app.post('/embeddings', async (request, reply) => {
    const body = parseBody(EmbeddingsBodySchema, request.body);
    const installed = studio.models.list().find((m) => m.id === body.model && m.modality === 'embedding');
    if (!installed) throw modelNotFound(body.model, 'embedding');
    const inputs = inputsOf(body.input);
    // A client that goes away stops the work between inputs.
    const abort = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) abort.abort();
    };
    reply.raw.on('close', onClose);
    try {
      const result = await studio.embeddings.embed({ model: installed.id, inputs }, abort.signal);
      if (body.dimensions !== undefined && body.dimensions !== result.dimensions) {
        throw new OpenAiError(
          400,
          `${installed.name} makes ${result.dimensions}-dimensional vectors and cannot shorten them to ${body.dimensions}; leave out dimensions or send ${result.dimensions}.`,
          'invalid_request_error',
          'dimensions',
          'unsupported_parameter',
        );
      }
      const base64 = body.encoding_format === 'base64';
      return {
        object: 'list',
        data: result.vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? base64Of(vector) : vector })),
        model: installed.id,
        usage: { prompt_tokens: result.promptTokens, total_tokens: result.promptTokens },
      };
    } finally {
      reply.raw.off('close', onClose);
    }
  });
}
