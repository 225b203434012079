import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AtelierError } from '../../../../preload/errors.js';
import type { StudioServices } from '../../../app/studio.js';
import { bearerMatches } from '../request-guards.js';
import { markRoutes } from '../route-access.js';
import { ImageLinks } from './image-links.js';
import { OpenAiError, openAiRequestError, toOpenAiError } from './openai-errors.js';
import { requestErrorShape } from '../request-errors.js';
import { registerMediaRoutes } from './openai-media.js';
import { registerResponsesRoutes } from './openai-responses.js';
import { ResponseStore } from './openai-responses-store.js';
import { registerTextRoutes } from './openai-text.js';

interface OpenAiApiOptions {
  studio: StudioServices;
  /** The launch token and any fixed keys: any one of them opens the API. */
  keys: () => readonly string[];
  /** `http://address:port` the server is bound to: image links are built from it, never from the request's Host. */
  origin: () => string;
}

/** `/v1/…` is for programs (scripts, other tools), not pages: the web host skips its browser Origin check on the routes this plugin adds. */
export const OPENAI_PREFIX = '/v1';

const BUILT_IN = [
  { id: 'procedural', modality: 'image', name: 'Procedural images (built in)' },
  { id: 'espeak', modality: 'voice', name: 'eSpeak NG (built in)' },
  { id: 'synth', modality: 'sound', name: 'Sound synth (built in)' },
] as const;

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

  app.addHook('onRequest', async (request, reply) => {
    // Decided by the matched route, not the raw URL. Image links are capabilities (random, short-lived): a viewer fetching one has no token.
    if (request.routeOptions.config?.access === 'capability' && !request.is404) return undefined;
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

  const models = () => {
    const created = Math.floor(Date.now() / 1000);
    const installed = studio.models.list().map((m) => ({
      id: m.id,
      object: 'model',
      created: Math.floor(Date.parse(m.installedAt) / 1000),
      owned_by: 'atelier',
      atelier: { modality: m.modality, name: m.name, active: m.active, format: m.format },
    }));
    const builtIn = BUILT_IN.map((b) => ({
      id: b.id,
      object: 'model',
      created,
      owned_by: 'atelier',
      atelier: { modality: b.modality, name: b.name, active: true, format: 'built-in' },
    }));
    return [...installed, ...builtIn];
  };

  app.get('/models', async () => ({ object: 'list', data: models() }));

  // A wildcard, not `:id`: ids the client got from the list are taken back whatever they hold.
  app.get('/models/*', async (request) => {
    const id = (request.params as { '*': string })['*'];
    const model = models().find((m) => m.id === id);
    if (!model)
      throw new OpenAiError(404, `The model \`${id}\` does not exist here. GET /v1/models lists them.`, 'invalid_request_error', 'model', 'model_not_found');
    return model;
  });

  registerTextRoutes(app, studio);
  registerResponsesRoutes(app, studio, new ResponseStore());
  registerMediaRoutes(app, studio, links, options.origin);
};
