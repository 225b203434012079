import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { AtelierError, toErrorShape, type ErrorShape } from '../../../preload/errors.js';
import { resolveAssetFile } from '../../core/assets/asset-files.js';
import { receiveUpload } from '../../core/files/incoming-files.js';
import { resolveExportDownload } from '../../core/export/export-download.js';
import type { Studio } from '../../app/studio.js';
import { apiBody } from './api-body.js';
import { httpStatusFor } from './http-status.js';
import { lazySchemaCompilers } from './lazy-schema-compilers.js';
import { resolveBindAddress, type BindExposure } from './bind-address.js';
import { openAiApi, OPENAI_PREFIX } from './openai/openai-api.js';
import { registerRendererFiles } from './renderer-files.js';
import { allowedHosts, hostAllowed, originAllowed } from './request-guards.js';
import { addSecurityHeaders } from './security-headers.js';
import { closeRefusedUpgrade } from './refused-upgrade.js';
import { clientErrorHandler, frameworkErrors, wantsOpenAiShape } from './unroutable.js';
import { openAiErrorBody } from './openai/openai-errors.js';
import { isUnmatched, markRoutes, recordRoutes, routeAccess, tokenAuthorizes, type RouteEntry } from './route-access.js';
import { requestErrorShape } from './request-errors.js';

interface WebHostOptions {
  studio: Studio;
  /** Address to bind; loopback unless the user asks otherwise. Never the unspecified address. */
  host?: string;
  /** A non-loopback address is refused unless this says the user asked for the network. */
  allowNetwork?: boolean;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The OpenAI-compatible API under /v1: the launch token opens it, and so does any of `keys`. */
  openai?: { enabled: boolean; keys?: readonly string[] };
}

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** 'network' when others than this machine can reach it. */
  exposure: BindExposure;
  /** The route table as registered, with each route's access rule (for tests and audits). */
  routes(): RouteEntry[];
  close(): Promise<void>;
}

/**
 * Fits the largest valid call: a text document of 2,000,000 characters
 * (TextDocumentSaveSchema) is up to 12 MB as JSON (6 bytes for a character
 * JSON escapes, 3 for most others), plus how it was made.
 */
export const API_BODY_LIMIT = 16 * 1024 * 1024;
/**
 * A body over the limit is still read, up to this much, before the 413 goes out:
 * answering early and closing makes the client's upload fail with a reset socket
 * ("fetch failed") instead of showing the error. Past this, the connection is cut.
 */
const OVERSIZE_DRAIN_LIMIT = 64 * 1024 * 1024;
// connect-src blob: lets the Voice tab decode a clip it already fetched (the waveform); blob URLs are the page's own.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; connect-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The contract over loopback HTTP (calls) and WebSocket (events), plus the built
 * renderer: how the studio runs in a browser and how every browser test drives it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { studio } = options;
  const bind = await resolveBindAddress(options.host ?? '127.0.0.1');
  if (bind.exposure === 'network' && options.allowNetwork !== true) {
    throw new AtelierError('FORBIDDEN', `${bind.address} is reachable from other machines: pass --allow-network if that is what you want.`);
  }
  const token = options.token ?? randomBytes(24).toString('hex');
  const app = Fastify({
    logger: false,
    bodyLimit: API_BODY_LIMIT,
    forceCloseConnections: true,
    frameworkErrors,
    clientErrorHandler,
    schemaController: lazySchemaCompilers,
  });
  let allowed = new Set<string>();
  const openAiEnabled = options.openai?.enabled === true;
  const routes = recordRoutes(app);
  let boundOrigin = '';

  const refuse = (reply: FastifyReply, error: ErrorShape) => reply.code(httpStatusFor(error.code)).send({ error });

  app.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host, allowed)) {
      return refuse(reply, { code: 'FORBIDDEN', message: 'Unexpected Host header.' });
    }
    // Access is decided by the route the router matched (it decodes the path), never by the raw URL.
    const access = routeAccess(request);
    // Programs, not pages, call /v1: its plugin checks the bearer key on every route it matched, and a page elsewhere cannot read
    // the answers (CORS only for origins the user listed in Settings, whose preflights that plugin answers).
    if (!isUnmatched(request) && (access === 'api-key' || access === 'capability' || access === 'preflight')) return undefined;
    if (!originAllowed(request.headers.origin, allowed)) {
      return refuse(reply, { code: 'FORBIDDEN', message: 'Requests from other origins are refused.' });
    }
    // No handler of ours runs for an unmatched path: the 404 handler answers, and says nothing about what exists.
    if (isUnmatched(request)) return undefined;
    if (!tokenAuthorizes(request, access, token)) {
      return refuse(reply, { code: 'UNAUTHORIZED', message: 'Missing or wrong token: use the link `atelier serve` printed.' });
    }
    return undefined;
  });

  // Refused upgrades are closed (refused-upgrade.ts); a routed answer passes through here.
  app.addHook('onResponse', async (request, reply) => closeRefusedUpgrade(request.raw, reply.raw));

  addSecurityHeaders(app, PAGE_CSP);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const shape = requestErrorShape(error);
    if (shape) return refuse(reply, shape);
    studio.log.error('web', error.message, { stack: error.stack });
    return refuse(reply, toErrorShape(error));
  });

  // No route: typed, in OpenAI's shape under /v1 (a path too long for /v1's own wildcard lands here).
  // The path only picks the error's shape; access is never decided by it (route-access.ts).
  app.setNotFoundHandler((request, reply) => {
    const shape = { code: 'NOT_FOUND' as const, message: 'Not found.' };
    return wantsOpenAiShape(request.url) ? reply.code(404).send(openAiErrorBody(shape, 404)) : refuse(reply, shape);
  });

  // Uploads stream straight to disk; the parser hands over the raw request.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  await app.register(fastifyWebsocket, {
    options: {
      maxPayload: 64 * 1024,
      handleProtocols: (protocols: Set<string>) => (protocols.has('atelier') ? 'atelier' : false),
    },
  });

  const sockets = new Set<WebSocket>();
  const unsubscribe = studio.events.subscribe((event, payload) => {
    // With no studio page open (a server for scripts only) an event costs nothing here.
    if (sockets.size === 0) return;
    const message = JSON.stringify({ event, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(message);
  });

  app.get('/events', { websocket: true, config: { access: 'events' } }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // The channel is one-way; anything a client sends is ignored rather than trusted.
    socket.on('message', () => undefined);
  });

  app.addHook('preParsing', async (request, _reply, payload) => {
    const length = Number(request.headers['content-length']);
    if (!request.url.startsWith('/api/') || !(length > API_BODY_LIMIT) || length > OVERSIZE_DRAIN_LIMIT) return payload;
    for await (const chunk of payload) void chunk;
    throw new AtelierError(
      'TOO_LARGE',
      `This request is ${megabytes(length)}; the studio takes at most ${megabytes(API_BODY_LIMIT)} in one call. Split the work into smaller parts.`,
    );
  });

  app.post<{ Params: { name: string } }>('/api/:name', async (request, reply) => {
    try {
      const result = await studio.call(request.params.name, request.body ?? {});
      return reply.type('application/json; charset=utf-8').send(apiBody(result));
    } catch (error) {
      const shape = toErrorShape(error);
      if (shape.code === 'INTERNAL') studio.log.error('web', shape.message, { call: request.params.name });
      return refuse(reply, shape);
    }
  });

  app.post('/upload', async (request: FastifyRequest, reply) => {
    if (!request.headers['content-type']?.startsWith('application/octet-stream')) {
      return refuse(reply, { code: 'INVALID_INPUT', message: 'Uploads must be sent as application/octet-stream.' });
    }
    const rawName = request.headers['x-atelier-file-name'];
    const name = typeof rawName === 'string' ? safeDecode(rawName) : 'upload';
    const ref = await receiveUpload(request.body as Readable, name, studio.paths.incomingDir, studio.fileRefs);
    return reply.send({ result: ref });
  });

  app.get<{ Params: { assetId: string; variant?: string } }>('/files/:assetId/:variant?', async (request, reply) => {
    const variant = request.params.variant ?? 'file';
    if (variant !== 'file' && variant !== 'thumbnail') return refuse(reply, { code: 'NOT_FOUND', message: 'No such file variant.' });
    const file = await resolveAssetFile(studio.projects, request.params.assetId, variant);
    reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
    reply.header('Cache-Control', 'no-store');
    return reply.type(file.mime).send(createReadStream(file.path));
  });

  app.get<{ Params: { exportId: string; name: string } }>('/exports/:exportId/:name', async (request, reply) => {
    const file = await resolveExportDownload(studio.exports, request.params.exportId, request.params.name);
    reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
    reply.header('Cache-Control', 'no-store');
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return reply.type(file.mime).send(createReadStream(file.path));
  });

  if (openAiEnabled) {
    const keys = [token, ...(options.openai?.keys ?? [])];
    await app.register(openAiApi, { prefix: OPENAI_PREFIX, studio, keys: () => keys, origin: () => boundOrigin });
  }

  // The one public part: the renderer's files, each its own route (no wildcard), so anything else is a 404 or needs the token.
  await app.register(async (scope) => {
    markRoutes(scope, 'public');
    if (existsSync(path.join(options.rendererDir, 'index.html'))) {
      await registerRendererFiles(scope, options.rendererDir);
    } else {
      scope.get('/', async (_request, reply) =>
        reply.type('text/plain').send('The studio has not been built yet: run `npm run build`, then start `atelier serve` again.'),
      );
    }
  });

  app.addHook('onClose', async () => {
    unsubscribe();
    for (const socket of sockets) socket.terminate();
  });

  await app.listen({ host: bind.address, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  allowed = new Set([bind.address, ...bind.names].flatMap((name) => [...allowedHosts(name, port)]));
  const origin = `http://${bind.address.includes(':') ? `[${bind.address}]` : bind.address}:${port}`;
  boundOrigin = origin;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    exposure: bind.exposure,
    routes,
    close: async () => {
      await app.close();
    },
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
