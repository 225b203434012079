import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';
import type { ImageInpaintRequest } from '../../../preload/schemas/image-inpaint.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import type { Logger } from '../../platform/log.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { saveDiffusionEdit } from './diffusion-edit-asset.js';
import { drawImageSeed, inpaintPicture } from './image-render.js';
import { imageAsset } from './image-settings.js';

/** The model a diffusion job runs on and the device it asked for (see ImageService). */
export interface DiffusionTarget {
  model: { id: string; dir: string };
  device: 'cpu' | 'gpu';
  hardwareGpu?: boolean;
}

const PNG_DATA_URL = 'data:image/png;base64,';

/** The painter's mask from its data URL; a body that is not base64 PNG is the caller's mistake, said before any job starts. */
function maskBytes(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(PNG_DATA_URL.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AtelierError('INVALID_INPUT', 'The mask is not a base64 PNG data URL.');
  const bytes = Buffer.from(base64, 'base64');
  const signature = [0x89, 0x50, 0x4e, 0x47];
  if (bytes.length < 8 || signature.some((b, i) => bytes[i] !== b)) throw new AtelierError('INVALID_INPUT', 'The mask is not a PNG picture.');
  return bytes;
}

/**
 * `image.inpaint`: one job in the diffusion queue (it shares the engine with generation).
 * The result is a NEW picture that remembers its source and its mask's settings; the
 * source is never changed.
 */
export async function submitImageInpaint(
  deps: { projects: ProjectStore; jobs: JobManager; log: Logger },
  request: ImageInpaintRequest,
  target: DiffusionTarget,
): Promise<{ jobId: string }> {
  const { projects, jobs } = deps;
  const project = projects.requireOpen().data;
  const source = imageAsset(projects, request.assetId);
  const mask = maskBytes(request.maskDataUrl);
  const { path: file } = await resolveAssetFile(projects, source.id, 'file');
  const seed = request.seed ?? drawImageSeed();
  const job = jobs.submit({
    kind: 'image.inpaint',
    title: `Repaint ${source.name} (seed ${seed})`,
    queue: 'diffusion',
    run: async (context) => {
      const [made] = await inpaintPicture(
        {
          ...target,
          image: await fs.readFile(file),
          mask,
          prompt: request.prompt,
          negativePrompt: request.negativePrompt,
          steps: request.steps,
          guidance: request.guidance,
          scheduler: request.scheduler,
          seed,
          count: 1,
          ...(request.feather !== undefined && { feather: request.feather }),
        },
        context.signal,
        context.progress,
      );
      if (!made) throw new AtelierError('INTERNAL', 'The image engine returned no picture.');
      const settings = { steps: request.steps, guidance: request.guidance, scheduler: request.scheduler };
      const parameters = request.feather !== undefined ? { feather: request.feather } : {};
      const edit = { suffix: 'repainted', operation: 'inpaint' as const, modelId: target.model.id, settings, parameters };
      const asset = await saveDiffusionEdit(deps, project.id, source, made, edit, context.signal, context.progress);
      return { assets: [asset] };
    },
  });
  return { jobId: job.id };
}
