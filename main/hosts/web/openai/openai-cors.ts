import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OpenAiError } from './openai-errors.js';

/** How long a browser may reuse a preflight's answer (seconds): a removed origin stops working within this. */
const PREFLIGHT_MAX_AGE_S = 600;
/** Request headers a page may send: a comma-separated list of header names, nothing else is echoed back. */
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/**
 * CORS for browser clients, opt-in: only origins the user listed in Settings (`apiCorsOrigins`)
 * get `Access-Control-Allow-Origin` (their own origin, never `*`, never credentials: the
 * page still sends a key), and only their preflights are answered. Any other origin gets
 * no CORS header at all, so its pages cannot read an answer; programs send no Origin and
 * are not affected. The list is read on every request, so a change in Settings applies at once.
 */
export function addCors(app: FastifyInstance, allowedOrigins: () => readonly string[]): void {
  const listed = (request: FastifyRequest): string | undefined => {
    const origin = request.headers.origin;
    return typeof origin === 'string' && allowedOrigins().includes(origin) ? origin : undefined;
  };

  app.addHook('onRequest', async (request, reply) => {
    // Every answer varies by Origin once CORS is on, so a shared cache never hands one site's answer to another.
    reply.header('Vary', 'Origin');
    const origin = listed(request);
    if (origin) allowOrigin(reply, origin);
  });

  // A preflight carries no key (browsers never send one), so this route runs nothing but the answer.
  app.options('/*', { config: { access: 'preflight' } }, async (request, reply) => {
    const origin = listed(request);
    const method = request.headers['access-control-request-method'];
    if (!origin || typeof method !== 'string') {
      const error = new OpenAiError(
        403,
        'This origin may not call the API from a browser: add it under Settings → Allowed origins.',
        'invalid_request_error',
        null,
        'origin_not_allowed',
      );
      return reply.code(403).send(error.body());
    }
    const asked = request.headers['access-control-request-headers'];
    reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    reply.header('Access-Control-Allow-Headers', typeof asked === 'string' && HEADER_LIST.test(asked.trim()) ? asked.trim() : 'authorization, content-type');
    reply.header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S));
    return reply.code(204).send();
  });
}

function allowOrigin(reply: FastifyReply, origin: string): void {
  reply.header('Access-Control-Allow-Origin', origin);
  // Headers a page's client may read beyond the simple ones: the length and the request id openai's client reports.
  reply.header('Access-Control-Expose-Headers', 'content-length, content-type, x-request-id');
}
