import type { FastifyInstance } from 'fastify';
import sharp from '../../../platform/lazy-sharp.js';
import { z } from 'zod';
import { IMAGE_LIMITS } from '../../../../preload/schemas/image.js';
import type { StudioServices } from '../../../app/studio.js';
import { inpaintPicture } from '../../../core/image/image-render.js';
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

/** Whether a picture has pixels that are not fully opaque: OpenAI's "the image's transparent area is the mask". */
async function hasTransparency(image: Buffer): Promise<boolean> {
  const meta = await sharp(image)
    .metadata()
    .catch(() => {
      throw invalid('image: not a picture (send a PNG).', 'image');
    });
  if (!meta.hasAlpha) return false;
  const alpha = await sharp(image).extractChannel('alpha').stats();
  return (alpha.channels[0]?.min ?? 255) < 255;
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
    let mask = form.file('mask')?.data;
    if (!mask) {
      if (!(await hasTransparency(image.data))) {
        throw invalid('mask: send a mask, or an image whose transparent pixels mark what to repaint.', 'mask');
      }
      mask = image.data;
    }
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
    const picture = image.data;
    let dims = { width: 0, height: 0 };
    const pngs = await runApiJob(studio, reply, {
      kind: 'api.image',
      title: `API image edit · ${installed.id}${body.n > 1 ? ` ×${body.n}` : ''} (seed ${seed})`,
      queue: 'diffusion',
      run: async ({ signal, progress }) => {
        const made = await inpaintPicture(
          {
            model: { id: installed.id, dir: installed.path },
            image: picture,
            mask,
            prompt: body.prompt,
            negativePrompt: body.negative_prompt ?? '',
            steps: body.steps ?? IMAGE_LIMITS.steps.default,
            guidance: IMAGE_LIMITS.guidance.default,
            scheduler: 'euler-a',
            seed,
            count: body.n,
          },
          signal,
          progress,
        );
        // `size` is the answer's size; the picture is repainted at its own and scaled to it.
        dims = size ?? { width: made[0]?.metadata.width ?? 0, height: made[0]?.metadata.height ?? 0 };
        return Promise.all(
          made.map(async (m) => (size ? new Uint8Array(await sharp(m.png).resize(size.width, size.height, { fit: 'fill' }).png().toBuffer()) : m.png)),
        );
      },
      summary: (made) => ({ images: made.length, ...dims, seed }),
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
