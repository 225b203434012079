import fs from 'node:fs/promises';
import type { ImageEditRequest } from '../../../preload/schemas/image.js';
import { editImage } from '../../engines/image/edit/image-edit.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import { saveGeneratedAsset } from '../assets/save-generated-asset.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import type { Logger } from '../../platform/log.js';
import { imageAsset } from './image-settings.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ModelManager } from '../models/model-manager.js';

const IMAGE_EDIT_QUEUE = 'image-edit';

/** `image.edit`: the edited picture becomes a NEW asset that remembers its source; the original is kept. */
export async function submitImageEdit(
  deps: { projects: ProjectStore; jobs: JobManager; log: Logger; models: ModelManager },
  request: ImageEditRequest,
): Promise<{ jobId: string }> {
  const { projects, jobs } = deps;
  const project = projects.requireOpen().data;
  const source = imageAsset(projects, request.assetId);
  // Upscaler ids are looked up now, so an unknown one answers the call rather than failing a job.
  const upscalers = new Map<string, string>();
  for (const op of request.ops) {
    if (op.op !== 'upscale' || op.model === undefined) continue;
    const model = deps.models.list().find((m) => m.id === op.model && m.modality === 'upscaler');
    if (!model)
      throw new AtelierError('MODEL_NOT_FOUND', `No installed upscaler "${op.model}". Import one in the Models tab (Upscale), or upscale with Lanczos.`);
    upscalers.set(model.id, model.path);
  }
  const { path: file } = await resolveAssetFile(projects, source.id, 'file');
  const job = jobs.submit({
    kind: 'image.edit',
    title: `Edit ${source.name}`,
    queue: IMAGE_EDIT_QUEUE,
    run: async (context) => {
      const started = performance.now();
      const edited = await editImage(await fs.readFile(file), request.ops, request.format, request.quality, context.signal, upscalers);
      const stem = source.name.replace(/\.[a-z0-9]{1,8}$/i, '');
      const asset = await saveGeneratedAsset(
        deps,
        project.id,
        {
          kind: 'image',
          mime: edited.mime,
          ext: edited.ext,
          bytes: edited.bytes,
          name: `${stem}-edited.${edited.ext}`,
          unique: true,
          origin: {
            engine: 'edit',
            ...(source.origin.model && { model: source.origin.model }),
            ...(source.origin.prompt !== undefined && { prompt: source.origin.prompt }),
            ...(source.origin.negativePrompt !== undefined && { negativePrompt: source.origin.negativePrompt }),
            ...(source.origin.seed !== undefined && { seed: source.origin.seed }),
            durationMs: Math.round(performance.now() - started),
            parameters: {
              sourceAssetId: source.id,
              sourceEngine: source.origin.engine,
              ops: request.ops,
              format: request.format,
              width: edited.width,
              height: edited.height,
            },
          },
        },
        context.signal,
      );
      context.progress({ fraction: 1, detail: `${edited.width}×${edited.height} ${request.format.toUpperCase()}` });
      return { assets: [asset] };
    },
  });
  return { jobId: job.id };
}
