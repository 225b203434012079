import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';
import { outpaintLayout } from '../../../preload/outpaint-layout.js';
import type { ImageOutpaintRequest } from '../../../preload/schemas/image-inpaint.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import type { Logger } from '../../platform/log.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import type { DiffusionTarget } from './image-inpaint-job.js';
import { saveDiffusionEdit } from './diffusion-edit-asset.js';
import { drawImageSeed, outpaintPicture } from './image-render.js';
import { imageAsset } from './image-settings.js';

function targetLabel(target: ImageOutpaintRequest['target']): string {
  if ('aspect' in target) return `${target.aspect.width}:${target.aspect.height}`;
  if ('extend' in target) return 'a larger frame';
  return `${target.width}×${target.height}`;
}

/**
 * `image.outpaint`: one job in the diffusion queue. The picture is placed on the new canvas and
 * the new area painted; the result is a NEW picture (`NAME-extended.png`) that remembers its
 * source and where the source sits, and the source is never changed.
 */
export async function submitImageOutpaint(
  deps: { projects: ProjectStore; jobs: JobManager; log: Logger },
  request: ImageOutpaintRequest,
  target: DiffusionTarget,
): Promise<{ jobId: string }> {
  const { projects, jobs } = deps;
  const project = projects.requireOpen().data;
  const source = imageAsset(projects, request.assetId);
  // A canvas too large, or one the picture already fills, answers the call rather than failing a job.
  if (source.width && source.height) outpaintLayout({ width: source.width, height: source.height }, request.target, request.anchor);
  const { path: file } = await resolveAssetFile(projects, source.id, 'file');
  const seed = request.seed ?? drawImageSeed();
  // A blank prompt continues the picture with what made it, so the new area matches the old.
  const prompt = request.prompt || source.origin.prompt || '';
  const job = jobs.submit({
    kind: 'image.outpaint',
    title: `Extend ${source.name} to ${targetLabel(request.target)} (seed ${seed})`,
    queue: 'diffusion',
    run: async (context) => {
      const { images, placed } = await outpaintPicture(
        {
          ...target,
          image: await fs.readFile(file),
          target: request.target,
          anchor: request.anchor,
          prompt,
          negativePrompt: request.negativePrompt,
          steps: request.steps,
          guidance: request.guidance,
          scheduler: request.scheduler,
          seed,
          count: 1,
          ...(request.seam !== undefined && { seam: request.seam }),
        },
        context.signal,
        context.progress,
      );
      const [made] = images;
      if (!made) throw new AtelierError('INTERNAL', 'The image engine returned no picture.');
      const settings = { steps: request.steps, guidance: request.guidance, scheduler: request.scheduler };
      const parameters = { target: request.target, anchor: request.anchor, placed };
      const edit = { suffix: 'extended', operation: 'outpaint' as const, modelId: target.model.id, settings, parameters };
      const asset = await saveDiffusionEdit(deps, project.id, source, made, edit, context.signal, context.progress);
      return { assets: [asset] };
    },
  });
  return { jobId: job.id };
}
