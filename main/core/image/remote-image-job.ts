import type { Asset } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ImageRequest } from '../../../preload/schemas/image.js';
import type { Logger } from '../../platform/log.js';
import { saveGeneratedAsset } from '../assets/save-generated-asset.js';
import { readableSlug } from '../assets/readable-name.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { generateRemoteImages } from '../remotes/remote-image.js';
import { parseRemoteModelId } from '../remotes/remote-model-id.js';
import type { RemoteStore } from '../remotes/remote-store.js';

export interface RemoteImageDeps {
  projects: ProjectStore;
  jobs: JobManager;
  remotes: RemoteStore;
  log: Logger;
}

/**
 * `image.generate` with a `remote:<name>/<model>` model: the pictures come from the
 * remote's `/v1/images/generations` and land in the project like local ones, through
 * the same job (progress, cancel, tray). Only what the OpenAI call carries is sent:
 * prompt, size, count and seed; steps, guidance and a starting picture are local-only.
 */
export function submitRemoteImageJob(deps: RemoteImageDeps, request: ImageRequest & { model: string; seed: number }): { jobId: string } {
  const project = deps.projects.requireOpen().data;
  const { remote: name, model } = parseRemoteModelId(request.model);
  // Resolved now: an unknown remote answers the call instead of failing a job.
  const remote = deps.remotes.get(name);
  if (request.initAssetId !== undefined) {
    throw new AtelierError('INVALID_INPUT', 'A remote image model cannot start from a picture: clear the starting image, or pick a model on this computer.');
  }
  const words = request.prompt.trim().split(/\s+/).slice(0, 6).join(' ') || 'Image';
  const job = deps.jobs.submit({
    kind: 'image.generate',
    title: `Diffuse “${request.prompt.trim().slice(0, 40) || 'image'}” on ${name}${request.count > 1 ? ` ×${request.count}` : ''} (seed ${request.seed})`,
    // One queue per remote model, like text: a second request waits for the first rather than piling onto the server.
    queue: request.model,
    run: async (context) => {
      context.progress({ fraction: 0, detail: `Waiting for ${name}…` });
      const started = performance.now();
      const pngs = await generateRemoteImages(
        remote,
        model,
        { prompt: request.prompt, width: request.width, height: request.height, count: request.count, seed: request.seed },
        context.signal,
      );
      const timeMs = Math.round(performance.now() - started);
      const assets: Asset[] = [];
      for (const png of pngs) {
        assets.push(
          await saveGeneratedAsset(
            deps,
            project.id,
            {
              kind: 'image',
              mime: 'image/png',
              ext: 'png',
              bytes: png,
              // The remote and the seed are in the origin; a batch's later pictures get -2, -3 from uniqueName.
              name: `${readableSlug(words, 'image')}.png`,
              unique: true,
              origin: {
                engine: 'remote',
                model: request.model,
                prompt: request.prompt,
                seed: request.seed,
                durationMs: Math.round(timeMs / pngs.length),
                parameters: { remote: name, remoteModel: model, width: request.width, height: request.height, count: request.count, timeMs },
              },
            },
            context.signal,
          ),
        );
      }
      context.progress({ fraction: 1, detail: `${assets.length} image${assets.length === 1 ? '' : 's'} from ${name} in ${(timeMs / 1000).toFixed(1)} s` });
      return { assets };
    },
  });
  return { jobId: job.id };
}
