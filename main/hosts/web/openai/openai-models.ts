import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StudioServices } from '../../../app/studio.js';
import { OpenAiError } from './openai-errors.js';

/** What a model makes, as `/v1/models` reports it and `?modality=` filters it (the studio's own modality names). */
const MODALITIES = ['text', 'image', 'voice', 'sound', 'upscaler', 'speech-to-text', 'embedding'] as const;
type Modality = (typeof MODALITIES)[number];

/** The `/v1` calls each modality answers, so a client can pick a model for a call without knowing Atelier's names. */
const CAPABILITIES: Record<Modality, readonly string[]> = {
  text: ['chat.completions', 'completions'],
  image: ['images.generations'],
  voice: ['audio.speech'],
  // The synthesizer and upscalers work in the studio; no /v1 call reaches them yet.
  sound: [],
  upscaler: [],
  'speech-to-text': ['audio.transcriptions'],
  embedding: ['embeddings'],
};

const BUILT_IN = [
  { id: 'procedural', modality: 'image', name: 'Procedural images (built in)' },
  { id: 'espeak', modality: 'voice', name: 'eSpeak NG (built in)' },
  { id: 'synth', modality: 'sound', name: 'Sound synth (built in)' },
] as const;

const ModelsQuerySchema = z.object({ modality: z.enum(MODALITIES).optional() }).loose();

/** `GET /v1/models` (optionally `?modality=`) and `GET /v1/models/{id}`: each entry says what it makes in `modality` and `capabilities`. */
export function registerModelRoutes(app: FastifyInstance, studio: StudioServices): void {
  const models = () => {
    const created = Math.floor(Date.now() / 1000);
    const entry = (id: string, modality: Modality, madeAt: number, atelier: { name: string; active: boolean; format: string }) => ({
      id,
      object: 'model',
      created: madeAt,
      owned_by: 'atelier',
      modality,
      capabilities: CAPABILITIES[modality],
      atelier: { modality, ...atelier },
    });
    const installed = studio.models
      .list()
      .map((m) => entry(m.id, m.modality, Math.floor(Date.parse(m.installedAt) / 1000), { name: m.name, active: m.active, format: m.format }));
    const builtIn = BUILT_IN.map((b) => entry(b.id, b.modality, created, { name: b.name, active: true, format: 'built-in' }));
    return [...installed, ...builtIn];
  };

  app.get('/models', async (request) => {
    const query = ModelsQuerySchema.safeParse(request.query ?? {});
    if (!query.success) throw new OpenAiError(400, `modality must be one of ${MODALITIES.join(', ')}.`, 'invalid_request_error', 'modality', 'invalid_request');
    const wanted = query.data.modality;
    return { object: 'list', data: models().filter((m) => wanted === undefined || m.modality === wanted) };
  });

  // A wildcard, not `:id`: ids the client got from the list are taken back whatever they hold.
  app.get('/models/*', async (request) => {
    const id = (request.params as { '*': string })['*'];
    const model = models().find((m) => m.id === id);
    if (!model)
      throw new OpenAiError(404, `The model \`${id}\` does not exist here. GET /v1/models lists them.`, 'invalid_request_error', 'model', 'model_not_found');
    return model;
  });
}
