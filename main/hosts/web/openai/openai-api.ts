import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AtelierError } from '../../../../preload/errors.js';
import type { StudioServices } from '../../../app/studio.js';
import { bearerMatches } from '../request-guards.js';
import { markRoutes } from '../route-access.js';
import { ImageLinks } from './image-links.js';
import { addCors } from './openai-cors.js';
import { registerEmbeddingsRoutes } from './openai-embeddings.js';
import { OpenAiError, openAiRequestError, toOpenAiError } from './openai-errors.js';
import { requestErrorShape } from '../request-errors.js';
import { registerMediaRoutes } from './openai-media.js';
import { registerMultipart } from './multipart-form.js';
import { registerModelRoutes } from './openai-models.js';
import { registerResponsesRoutes } from './openai-responses.js';
import { ResponseStore } from './openai-responses-store.js';
import { registerTextRoutes } from './openai-text.js';
import { registerTranscriptionRoutes } from './openai-transcriptions.js';

interface OpenAiApiOptions {
  studio: StudioServices;
  /** The launch token and any fixed keys: any one of them opens the API. */
  keys: () => readonly string[];
  /** `http://address:port` the server is bound to: image links are built from it, never from the request's Host. */
  origin: () => string;
}

/** `/v1/…` is for programs (scripts, other tools), not pages: the web host skips its browser Origin check on the routes this plugin adds. */
export const OPENAI_PREFIX = '/v1';

/**
 * The OpenAI-compatible API as a fastify plugin, registered under /v1 by the web host
 * (and mountable by the desktop app): text, images and speech from Atelier's engines,
 * each request a job in the tray, errors in OpenAI's shape.
 */
export const openAiApi: FastifyPluginAsync<OpenAiApiOptions> = async (app: FastifyInstance, options) => {
  const { studio } = options;
  const links = new ImageLinks();
  // Every route here needs a key unless it says otherwise; the host reads the same flag.
  markRoutes(app, 'api-key');
  addCors(app, () => studio.settings.get().apiCorsOrigins);

  app.addHook('onRequest', async (request, reply) => {
    // Decided by the matched route, not the raw URL. Image links are capabilities (random, short-lived): a viewer fetching one has no token.
    const access = request.routeOptions.config?.access;
    if ((access === 'capability' || access === 'preflight') && !request.is404) return undefined;
    const authorization = request.headers.authorization;
    if (options.keys().some((key) => bearerMatches(authorization, key))) return undefined;
    const error = new OpenAiError(
      401,
      authorization ? 'Incorrect API key provided.' : 'Missing API key: send Authorization: Bearer <key> (the token atelier serve printed, or your fixed key).',
      'invalid_request_error',
      null,
      'invalid_api_key',
    );
    return reply.code(401).send(error.body());
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const request = error instanceof OpenAiError || error instanceof AtelierError ? null : requestErrorShape(error);
    const failure = request ? openAiRequestError(request) : toOpenAiError(error);
    if (failure.status >= 500) studio.log.error('openai', failure.message);
    return reply.code(failure.status).send(failure.body());
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new OpenAiError(404, `Atelier does not serve ${request.method} ${request.url.split('?')[0]}.`, 'invalid_request_error', null, 'unknown_url');
    return reply.code(404).send(error.body());
  });

  await registerMultipart(app);
  registerModelRoutes(app, studio);
  registerTextRoutes(app, studio);
  registerEmbeddingsRoutes(app, studio);
  registerResponsesRoutes(app, studio, new ResponseStore());
  registerMediaRoutes(app, studio, links, options.origin);
  registerTranscriptionRoutes(app, studio);
};
