import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AtelierError } from '../../../../preload/errors.js';
import { IMAGE_LIMITS } from '../../../../preload/schemas/image.js';
import type { StudioServices } from '../../../app/studio.js';
import { runApiJob } from './api-job.js';
import type { ImageLinks } from './image-links.js';
import { readMultipartForm } from './multipart-form.js';
import { modelNotFound, OpenAiError } from './openai-errors.js';
import { parseSize } from './openai-schemas.js';

/** The form's text fields; files (image, mask) are read apart. Numbers come as strings in a form. */
const EditFieldsSchema = z
  .object({
    model: z.string().min(1).max(200).optional(),
    prompt: z.string().max(IMAGE_LIMITS.prompt),
    n: z.coerce.number().int().min(IMAGE_LIMITS.count.min).max(IMAGE_LIMITS.count.max).default(1),
    size: z
      .string()
      .regex(/^\d{2,4}x\d{2,4}$/, 'WIDTHxHEIGHT, e.g. 512x512')
      .optional(),
    response_format: z.enum(['b64_json', 'url']).default('b64_json'),
    /** Atelier extensions, as on /v1/images/generations. */
    seed: z.coerce.number().int().min(IMAGE_LIMITS.seed.min).max(IMAGE_LIMITS.seed.max).optional(),
    steps: z.coerce.number().int().min(IMAGE_LIMITS.steps.min).max(IMAGE_LIMITS.steps.max).optional(),
    negative_prompt: z.string().max(IMAGE_LIMITS.prompt).optional(),
  })
  .loose();

const invalid = (message: string, param: string | null) => new OpenAiError(400, message, 'invalid_request_error', param, 'invalid_request');

/** The service's "image: …" or "mask: …" refusal, with the form field it names as OpenAI's `param`. */
function asParamError(error: unknown): unknown {
  if (!(error instanceof AtelierError) || error.code !== 'INVALID_INPUT') return error;
  const param = /^(image|mask): /.exec(error.message)?.[1] ?? null;
  return invalid(error.message, param);
}

/**
 * `/v1/images/edits`, OpenAI's inpainting: `image` and optional `mask` (its transparent pixels are
 * repainted; without one the image's own transparent pixels are), backed by the diffusion engine.
 */
export function registerImageEditRoute(app: FastifyInstance, studio: StudioServices, links: ImageLinks, origin: () => string): void {
  app.post('/images/edits', async (request, reply) => {
    const form = await readMultipartForm(request);
    const parsed = EditFieldsSchema.safeParse(form.fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issue?.path.join('.') || null;
      throw invalid(`Invalid image edit: ${param ?? 'form'}: ${issue?.message}`, param);
    }
    const body = parsed.data;
    const image = form.file('image') ?? form.file('image[]');
    if (!image) throw invalid("image: send the picture to edit as the form's 'image' file.", 'image');
    const size = body.size === undefined ? undefined : parseSize(body.size);
    if (size && [size.width, size.height].some((v) => v < IMAGE_LIMITS.size.min || v > IMAGE_LIMITS.size.max)) {
      throw new OpenAiError(
        400,
        `size: each side must be ${IMAGE_LIMITS.size.min} to ${IMAGE_LIMITS.size.max} pixels.`,
        'invalid_request_error',
        'size',
        'invalid_size',
      );
    }
    const installed = studio.image.findModel(body.model);
    if (!installed) throw modelNotFound(body.model ?? 'an image model', 'image');
    const seed = studio.image.seed(body.seed);
    const mask = form.file('mask')?.data;
    // The service checks the picture and the mask now and repaints on the device Settings chose.
    const edit = await studio.image
      .prepareEdit({
        model: installed.id,
        image: image.data,
        ...(mask && { mask }),
        prompt: body.prompt,
        negativePrompt: body.negative_prompt ?? '',
        count: body.n,
        ...(size && { size }),
        seed,
        steps: body.steps ?? IMAGE_LIMITS.steps.default,
        guidance: IMAGE_LIMITS.guidance.default,
      })
      .catch((error: unknown) => {
        throw asParamError(error);
      });
    const { pngs } = await runApiJob(studio, reply, {
      kind: 'api.image',
      title: `API image edit · ${edit.modelId}${body.n > 1 ? ` ×${body.n}` : ''} (seed ${seed})`,
      queue: 'diffusion',
      run: ({ signal, progress }) => edit.run(signal, progress),
      summary: (made) => ({ images: made.pngs.length, width: made.width, height: made.height, seed }),
    });
    return reply.send({
      created: Math.floor(Date.now() / 1000),
      data: pngs.map((png, index) =>
        body.response_format === 'url'
          ? { url: `${origin()}/v1/images/files/${links.add(png)}.png`, seed: seed + index }
          : { b64_json: Buffer.from(png).toString('base64'), seed: seed + index },
      ),
    });
  });
}
