import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { bearerMatches, websocketTokenMatches } from './request-guards.js';

/**
 * Who may run a route, declared on the route itself (`config: { access }`) and read from
 * the route fastify MATCHED, never from the raw URL: the router decodes `%61pi`, so a
 * check on the raw text and the route that runs can disagree. A route that says nothing
 * needs the launch token.
 *
 * - `token`: `Authorization: Bearer <launch token>` (the default).
 * - `events`: the WebSocket; browsers cannot set headers there, so the token rides as a subprotocol.
 * - `public`: the built renderer's own files (index and assets) and nothing else.
 * - `api-key`: /v1; the OpenAI plugin checks its keys itself, with OpenAI-shaped errors.
 * - `capability`: /v1 image links; the random, expiring path is the credential.
 * - `preflight`: /v1's CORS preflight (OPTIONS); it answers with headers for origins listed in Settings and runs nothing else.
 */
export type RouteAccess = 'token' | 'events' | 'public' | 'api-key' | 'capability' | 'preflight';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function routeAccess(request: FastifyRequest): RouteAccess {
  return request.routeOptions.config?.access ?? 'token';
}

/** True when no route matched: the 404 handler is about to run, with no handler of ours. */
export function isUnmatched(request: FastifyRequest): boolean {
  return request.is404 || request.routeOptions.url === undefined;
}

export function tokenAuthorizes(request: FastifyRequest, access: RouteAccess, token: string): boolean {
  if (access === 'public') return true;
  if (access === 'events') return websocketTokenMatches(request.headers['sec-websocket-protocol'], token);
  return bearerMatches(request.headers.authorization, token);
}

/** Marks every route registered inside `scope` (and only there) with `access`, unless it says otherwise. */
export function markRoutes(scope: FastifyInstance, access: RouteAccess): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    route.config = { ...route.config, access: route.config?.access ?? access };
  });
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
  websocket: boolean;
}

/**
 * Collects the route table as routes are added, so tests can probe every route, including
 * ones added later. Read lazily: hooks of inner scopes (markRoutes) run after this one.
 */
export function recordRoutes(app: FastifyInstance): () => RouteEntry[] {
  const seen: RouteOptions[] = [];
  app.addHook('onRoute', (route: RouteOptions) => void seen.push(route));
  return () =>
    seen.flatMap((route) =>
      [route.method]
        .flat()
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method,
          url: route.url,
          access: route.config?.access ?? 'token',
          websocket: (route as { websocket?: boolean }).websocket === true,
        })),
    );
}
