import type { z } from 'zod';
import { toErrorShape, type ErrorCode, type ErrorShape } from '../../../../preload/errors.js';
import { httpStatusFor } from '../http-status.js';

/** The error body every OpenAI client knows how to read. */
interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  body(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function modelNotFound(model: string, what: string): OpenAiError {
  return new OpenAiError(
    404,
    `The model \`${model}\` does not exist or is not a ${what} model here. GET /v1/models lists them.`,
    'invalid_request_error',
    'model',
    'model_not_found',
  );
}

export function invalidBody(error: z.ZodError): OpenAiError {
  const issue = error.issues[0];
  const param = issue && issue.path.length > 0 ? issue.path.join('.') : null;
  const described = error.issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`);
  return new OpenAiError(400, `Invalid request body: ${described.join('; ')}`, 'invalid_request_error', param, 'invalid_request');
}

const STATUS_OVERRIDES: Partial<Record<ErrorCode, number>> = {
  MODEL_NOT_FOUND: 404,
  CANCELLED: 499,
  TOO_LARGE: 400,
};

/** Anything thrown while serving, as an OpenAI error: Atelier's code rides in `code`, lowercased. */
export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error;
  const shape = toErrorShape(error);
  const status = STATUS_OVERRIDES[shape.code] ?? httpStatusFor(shape.code);
  const type = status === 401 ? 'authentication_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const code = shape.code === 'MODEL_NOT_FOUND' ? 'model_not_found' : shape.code.toLowerCase();
  return new OpenAiError(status, shape.message, type, shape.code === 'MODEL_NOT_FOUND' ? 'model' : null, code);
}

/** A request fastify refused before any route ran (see request-errors.ts), in OpenAI's shape. */
export function openAiRequestError(shape: ErrorShape): OpenAiError {
  return new OpenAiError(shape.code === 'TOO_LARGE' ? 413 : 400, shape.message, 'invalid_request_error', null, 'invalid_request');
}

export function openAiErrorBody(shape: ErrorShape, status: number): OpenAiErrorBody {
  const code = status === 404 ? 'unknown_url' : 'invalid_request';
  return new OpenAiError(status, shape.message, 'invalid_request_error', null, code).body();
}
