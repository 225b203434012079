import { AtelierError, type ErrorShape } from '../../../preload/errors.js';

type ThrownByFastify = Error & { statusCode?: number; code?: string };

/**
 * What a request did wrong, as a typed error, when fastify (or its body parser) refused
 * it before any route ran: an unreadable or empty JSON body, an unsupported content
 * type, a bad URL, an over-long path parameter, a body over the limit. Anything else
 * (a real server fault) answers null, so the caller logs it and answers 500.
 */
export function requestErrorShape(error: ThrownByFastify): ErrorShape | null {
  if (error instanceof AtelierError) return error.toJSON();
  if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { code: 'TOO_LARGE', message: 'The request body is too large.' };
  }
  // JSON.parse's SyntaxError reaches here with statusCode 400 from fastify; a bare one (another parser) gets the same answer.
  if (error instanceof SyntaxError) return { code: 'INVALID_INPUT', message: `Invalid request: the body is not valid JSON (${error.message}).` };
  // A structure nested deeper than the stack (a parser or validator recursing) is the client's input, not a fault here.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'INVALID_INPUT', message: 'Invalid request: the body is nested too deeply.' };
  }
  // Fastify's refusals of the request itself; its other FST_ERR_ codes are faults in this server and stay 500.
  const fromFramework = typeof error.code === 'string' && /^FST_ERR_(CTP_|BAD_URL|MAX_PARAM_LENGTH)/.test(error.code);
  if ((error.statusCode !== undefined && error.statusCode < 500) || fromFramework) {
    return { code: 'INVALID_INPUT', message: `Invalid request: ${error.message}` };
  }
  return null;
}
