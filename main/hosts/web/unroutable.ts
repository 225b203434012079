import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorShape } from '../../../preload/errors.js';
import { httpStatusFor } from './http-status.js';
import { openAiErrorBody } from './openai/openai-errors.js';
import { closeRefusedUpgrade } from './refused-upgrade.js';
import { requestErrorShape } from './request-errors.js';

/** Whether a refused request gets OpenAI's error shape (its clients parse that one). Never an access decision. */
export const wantsOpenAiShape = (url: string) => url === '/v1' || url.startsWith('/v1/') || url.startsWith('/v1?');

/**
 * Requests that never reach a route still get a typed answer, in the app's error shape:
 * a path that cannot be decoded (`%C0%AE`) names nothing, so it is a 404 like any unmatched
 * path; anything else fastify refuses before routing is invalid input.
 */
export function frameworkErrors(error: Error & { code?: string; statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  const shape: ErrorShape =
    error.code === 'FST_ERR_BAD_URL'
      ? { code: 'NOT_FOUND', message: 'Not found.' }
      : (requestErrorShape(error) ?? { code: 'INVALID_INPUT', message: 'The request could not be read.' });
  const status = httpStatusFor(shape.code);
  void reply.code(status).send(wantsOpenAiShape(request.url) ? openAiErrorBody(shape, status) : { error: shape });
  // No hook runs for these answers, so a refused upgrade is closed here.
  closeRefusedUpgrade(request.raw, reply.raw);
}

/**
 * A request line node's parser refuses (a path that does not start with `/`, a bare
 * backslash): answered 400 with a typed JSON error on the raw socket, then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const body = JSON.stringify({
    error: { code: 'INVALID_INPUT', message: timeout ? 'The request took too long to arrive.' : 'Malformed request.' },
  });
  const status = timeout ? '408 Request Timeout' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
