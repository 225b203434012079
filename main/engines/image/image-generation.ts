import { randomInt } from 'node:crypto';
import sharp from '../../platform/lazy-sharp.js';
import { IMAGE_LIMITS, TEMPLATE_LABELS, type ImageRequest } from '../../../preload/schemas/image.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { diffusionEngine } from './diffusion-engine-link.js';
import { withImageMetadata, type ImageMetadata } from './image-metadata.js';
import { proceduralEngine } from './procedural/procedural-engine.js';

/** A picture ready to save: PNG bytes with their metadata chunks, and how it was made. */
export interface MadeImage {
  png: Uint8Array;
  metadata: ImageMetadata;
  /** Wall time for this picture (a batch's time is shared out evenly). */
  timeMs: number;
  /** "The harbour at midnight": words for the file and asset name (the seed is in the metadata). */
  label: string;
}

/** What only the caller can resolve: the model folder and an img2img starting picture. */
export interface ImageInputs {
  model?: { id: string; dir: string };
  initImage?: Uint8Array;
  /** Settings → Image device (diffusion); the CPU when absent. */
  device?: 'cpu' | 'gpu';
  /** Whether the computer has a real GPU, as the hardware check found; unknown when absent. */
  hardwareGpu?: boolean;
}

export function randomSeed(): number {
  return randomInt(0, IMAGE_LIMITS.seed.max);
}

/** The seed of the i-th picture of a batch: the request's seed, then the next ones. */
export const seedAt = (seed: number, index: number) => (seed + index) % (IMAGE_LIMITS.seed.max + 1);

/**
 * Makes `count` pictures for a request, the same way for every host: the
 * procedural engine one by one, the diffusion engine as one batch. Each PNG
 * carries its settings in text chunks, so it can be varied or reused anywhere.
 */
export async function generateImages(
  request: ImageRequest & { seed: number },
  inputs: ImageInputs,
  signal: AbortSignal,
  onProgress: (update: ProgressUpdate) => void,
  /** Called as each picture is ready, so a batch that is stopped keeps the ones already made. */
  onImage: (image: MadeImage) => Promise<void> = async () => undefined,
): Promise<MadeImage[]> {
  const base = {
    prompt: request.prompt,
    negativePrompt: request.negativePrompt,
    width: request.width,
    height: request.height,
    ...(request.text && { text: request.text }),
  };
  if (request.engine === 'procedural') {
    const made: MadeImage[] = [];
    for (let i = 0; i < request.count; i += 1) {
      const seed = seedAt(request.seed, i);
      const started = performance.now();
      const image = await proceduralEngine.generate(
        { template: request.template, prompt: request.prompt, text: request.text, width: request.width, height: request.height, seed },
        signal,
        (update) => onProgress({ ...update, fraction: (i + (update.fraction ?? 0)) / request.count, detail: batchDetail(i, request.count, update.detail) }),
      );
      const metadata: ImageMetadata = { engine: 'procedural', template: request.template, ...base, seed };
      // A batch shows each finished picture while the next one is drawn.
      onProgress({ fraction: (i + 1) / request.count, partial: { previewDataUrl: await previewDataUrl(image.png) } });
      const ready: MadeImage = {
        png: withImageMetadata(image.png, metadata),
        metadata,
        timeMs: Math.round(performance.now() - started),
        label: pictureWords(request.text?.split('\n')[0] || request.prompt, TEMPLATE_LABELS[request.template]),
      };
      await onImage(ready);
      made.push(ready);
    }
    return made;
  }

  if (!inputs.model) throw new Error('generateImages: a diffusion request needs its model resolved by the caller');
  const result = await diffusionEngine.generate(
    {
      modelDir: inputs.model.dir,
      prompt: request.prompt,
      negativePrompt: request.negativePrompt,
      width: request.width,
      height: request.height,
      steps: request.steps,
      guidance: request.guidance,
      scheduler: request.scheduler,
      seed: request.seed,
      count: request.count,
      ...(request.strength !== undefined && { strength: request.strength }),
      ...(inputs.initImage && { initImage: inputs.initImage }),
      ...(inputs.device && { device: inputs.device }),
      ...(inputs.hardwareGpu !== undefined && { hardwareGpu: inputs.hardwareGpu }),
    },
    signal,
    onProgress,
  );
  const each = Math.round(result.timeMs / Math.max(1, result.images.length));
  const made = result.images.map((image): MadeImage => {
    const metadata: ImageMetadata = {
      engine: 'diffusion',
      model: inputs.model?.id,
      ...base,
      width: image.width,
      height: image.height,
      seed: image.seed,
      steps: request.steps,
      guidance: request.guidance,
      scheduler: request.scheduler,
      ...(request.strength !== undefined && { strength: request.strength }),
    };
    return { png: withImageMetadata(image.png, metadata), metadata, timeMs: each, label: pictureWords(request.prompt, 'Image') };
  });
  for (const image of made) await onImage(image);
  return made;
}

/** A picture's name: the first six words of what it shows (a title card's title, else the prompt), or `fallback`. */
function pictureWords(text: string | undefined, fallback: string): string {
  const words = (text ?? '').trim().split(/\s+/).slice(0, 6).join(' ');
  return words || fallback;
}

function batchDetail(index: number, count: number, detail: string | undefined): string | undefined {
  if (count === 1) return detail;
  return `Image ${index + 1} of ${count}${detail ? `: ${detail}` : ''}`;
}

const PREVIEW_EDGE = 480;

/** A small WebP of a picture as a data URL, for the job's live preview. */
async function previewDataUrl(png: Uint8Array): Promise<string> {
  const webp = await sharp(png).resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
  return `data:image/webp;base64,${webp.toString('base64')}`;
}
