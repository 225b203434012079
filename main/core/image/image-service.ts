import fs from 'node:fs/promises';
import type { Asset } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { InstalledModel } from '../../../preload/schemas/model.js';
import type { ImageInpaintRequest, ImageOutpaintRequest } from '../../../preload/schemas/image-inpaint.js';
import type { ImageEditRequest, ImageRequest, ImageSettings, ImageTemplate } from '../../../preload/schemas/image.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import { saveGeneratedAsset, type GeneratedFile } from '../assets/save-generated-asset.js';
import type { ModelManager } from '../models/model-manager.js';
import { generateRemoteImages, type RemoteImageRequest } from '../remotes/remote-image.js';
import { isRemoteModelId, parseRemoteModelId } from '../remotes/remote-model-id.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { submitImageEdit } from './image-edit-job.js';
import { submitImageInpaint, type DiffusionTarget } from './image-inpaint-job.js';
import { submitImageOutpaint } from './image-outpaint-job.js';
import { preparePictureEdit, type PictureEditRequest, type PreparedPictureEdit } from './picture-edit.js';
import { pickImageModel } from './image-models.js';
import { drawImageSeed, imageTemplates, renderImages, type ImageInputs, type MadeImage } from './image-render.js';
import { imageAsset, imageSettings } from './image-settings.js';
import { submitRemoteImageJob, type RemoteImageDeps } from './remote-image-job.js';
import { readableSlug } from '../assets/readable-name.js';

interface ImageServiceDeps extends RemoteImageDeps {
  models: ModelManager;
  settings: SettingsStore;
  /** Whether the computer has a real GPU (software renderers are not); undefined when unknown. */
  hardwareGpu?: () => Promise<boolean | undefined>;
}

/**
 * Everything that makes or remakes a picture comes here (the Image tab, the storyboard,
 * the CLI, the OpenAI API): which model, local or remote, the seed, the job, and the
 * asset saved with how it was made.
 */
export class ImageService {
  constructor(private readonly deps: ImageServiceDeps) {}

  templates(): ImageTemplate[] {
    return imageTemplates();
  }

  /** The installed image model with this id, or the active one; undefined when there is none. */
  findModel(ref?: string): InstalledModel | undefined {
    return pickImageModel(this.deps.models.list(), ref);
  }

  /** The seed a request asked for, else a fresh one: drawn here, for every caller. */
  seed(seed?: number): number {
    return seed ?? drawImageSeed();
  }

  /** `image.generate`: the pictures become assets of the open project, through one job. */
  async generate(request: ImageRequest): Promise<{ jobId: string }> {
    if (isRemoteModelId(request.model)) return submitRemoteImageJob(this.deps, { ...request, model: request.model, seed: this.seed(request.seed) });
    const { projects, jobs } = this.deps;
    const project = projects.requireOpen().data;
    // Resolved now, so "no model" or "no such picture" answers the call rather than failing a job.
    const inputs = await this.resolveInputs(request);
    const seeded = { ...request, seed: this.seed(request.seed) };
    const job = jobs.submit({
      kind: 'image.generate',
      title: generationTitle(seeded),
      queue: request.engine,
      run: async (context) => {
        const assets: Asset[] = [];
        const save = async (image: MadeImage) => {
          assets.push(await saveGeneratedAsset(this.deps, project.id, imageFile(image, request.initAssetId), context.signal));
        };
        const made = await renderImages(seeded, inputs, context.signal, context.progress, save);
        const seconds = made.reduce((sum, m) => sum + m.timeMs, 0) / 1000;
        context.progress({ fraction: 1, detail: `${made.length} image${made.length === 1 ? '' : 's'} in ${seconds.toFixed(1)} s` });
        return { assets };
      },
    });
    return { jobId: job.id };
  }

  /** `image.edit`: a new asset made from one of the open project's pictures. */
  edit(request: ImageEditRequest): Promise<{ jobId: string }> {
    return submitImageEdit(this.deps, request);
  }

  /** `image.inpaint`: the painted part of a picture repainted into a new asset; the original is kept. */
  async inpaint(request: ImageInpaintRequest): Promise<{ jobId: string }> {
    return submitImageInpaint(this.deps, request, await this.diffusionTarget(request.model));
  }

  /** `image.outpaint`: a picture extended to a new shape or size into a new asset; the original is kept. */
  async outpaint(request: ImageOutpaintRequest): Promise<{ jobId: string }> {
    return submitImageOutpaint(this.deps, request, await this.diffusionTarget(request.model));
  }

  /** `image.settings`: how a picture of the open project was made. */
  settings(assetId: string): Promise<ImageSettings> {
    return imageSettings(this.deps.projects, assetId);
  }

  /** Pictures for a caller that keeps them itself (the OpenAI API): no project, no asset. */
  render(
    request: ImageRequest & { seed: number },
    inputs: ImageInputs,
    signal: AbortSignal,
    onProgress: (update: ProgressUpdate) => void,
  ): Promise<MadeImage[]> {
    return renderImages(request, inputs, signal, onProgress);
  }

  /**
   * A repaint for a caller that keeps the pictures itself (the OpenAI API's edits), checked now
   * and run by the caller's job on the device Settings chose.
   */
  async prepareEdit(request: PictureEditRequest & { model?: string }): Promise<PreparedPictureEdit> {
    return preparePictureEdit(request, await this.diffusionTarget(request.model));
  }

  /** A remote model's pictures for a caller that keeps them itself; the remote is looked up now, so an unknown one answers at once. */
  remoteRenderer(modelId: string): (request: RemoteImageRequest, signal: AbortSignal) => Promise<Uint8Array[]> {
    const { remote, model } = parseRemoteModelId(modelId);
    const target = this.deps.remotes.get(remote);
    return (request, signal) => generateRemoteImages(target, model, request, signal);
  }

  private async resolveInputs(request: ImageRequest): Promise<ImageInputs> {
    if (request.engine !== 'diffusion') return {};
    const target = await this.diffusionTarget(request.model);
    let initImage: Uint8Array | undefined;
    if (request.initAssetId) {
      const init = imageAsset(this.deps.projects, request.initAssetId);
      initImage = await fs.readFile((await resolveAssetFile(this.deps.projects, init.id, 'file')).path);
    }
    return { ...target, ...(initImage && { initImage }) };
  }

  /** The installed model a diffusion call runs on, and where: "no model" answers the call rather than failing a job. */
  private async diffusionTarget(ref: string | undefined): Promise<DiffusionTarget> {
    const model = this.findModel(ref);
    if (!model) {
      const installed = this.deps.models.list().filter((m) => m.modality === 'image');
      throw new AtelierError(
        'MODEL_NOT_FOUND',
        ref
          ? `No installed image model "${ref}". Installed: ${installed.map((m) => m.id).join(', ') || 'none'}.`
          : 'No image model is installed. Download one in the Models tab (or use the procedural engine, which needs none).',
      );
    }
    const device = this.deps.settings.get().imageDevice;
    const hardwareGpu = device === 'gpu' ? await this.deps.hardwareGpu?.() : undefined;
    return { model: { id: model.id, dir: model.path }, device, ...(hardwareGpu !== undefined && { hardwareGpu }) };
  }
}

function generationTitle(request: ImageRequest & { seed: number }): string {
  const what = request.engine === 'procedural' ? request.template : `“${request.prompt.trim().slice(0, 40) || 'image'}”`;
  return `${request.engine === 'procedural' ? 'Draw' : 'Diffuse'} ${what}${request.count > 1 ? ` ×${request.count}` : ''} (seed ${request.seed})`;
}

/** A made picture as an asset: its PNG (settings in its text chunks) and the project's record of how it was made. */
function imageFile(image: MadeImage, initAssetId: string | undefined): GeneratedFile {
  const { metadata } = image;
  return {
    kind: 'image',
    mime: 'image/png',
    ext: 'png',
    bytes: image.png,
    name: `${readableSlug(image.label, 'image')}.png`,
    unique: true,
    origin: {
      engine: metadata.engine,
      ...(metadata.model && { model: metadata.model }),
      prompt: metadata.prompt,
      negativePrompt: metadata.negativePrompt,
      seed: metadata.seed,
      durationMs: image.timeMs,
      parameters: {
        ...(metadata.template && { template: metadata.template }),
        ...(metadata.text && { text: metadata.text }),
        width: metadata.width,
        height: metadata.height,
        ...(metadata.engine === 'diffusion' && { steps: metadata.steps, guidance: metadata.guidance, scheduler: metadata.scheduler }),
        ...(metadata.strength !== undefined && { strength: metadata.strength, initAssetId }),
        timeMs: image.timeMs,
      },
    },
  };
}
