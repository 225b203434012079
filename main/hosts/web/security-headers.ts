import type { FastifyInstance } from 'fastify';
import { allowedHosts, hostAllowed } from './request-guards.js';

/** For servers that send no pages (the desktop API): nothing may load, nothing may frame it. */
export const NO_CONTENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The headers every answer of a local server carries: no sniffing, no referrer, no framing,
 * no cross-origin reads. `csp` applies unless a route set its own.
 */
export function addSecurityHeaders(app: FastifyInstance, csp: string): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    // A page's meta CSP cannot say frame-ancestors; the header can.
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', csp);
    return payload;
  });
}

/**
 * Refuses (403, `body`) a Host header other than the bound address (or localhost for
 * loopback): a foreign name that resolves to us is DNS rebinding. `port` is read per
 * request, as it is known only after listen.
 */
export function addHostCheck(app: FastifyInstance, boundHost: string, port: () => number, body: unknown): void {
  app.addHook('onRequest', async (request, reply) => {
    if (hostAllowed(request.headers.host, allowedHosts(boundHost, port()))) return undefined;
    return reply.code(403).send(body);
  });
}
