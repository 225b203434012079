import fs from 'node:fs/promises';
import type { Asset } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { ImageSettingsSchema, type ImageRequest, type ImageSettings } from '../../preload/schemas/image.js';
import { resolveAssetFile } from '../core/assets/asset-files.js';
import { saveGeneratedAsset } from '../core/assets/save-generated-asset.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { editImage } from '../engines/image/edit/image-edit.js';
import { settingsFromPng } from '../engines/image/image-metadata.js';
import { generateImages, randomSeed, type ImageInputs, type MadeImage } from '../engines/image/image-generation.js';
import { isPng } from '../engines/image/png-text-chunks.js';
import { PROCEDURAL_TEMPLATES } from '../engines/image/procedural/procedural-engine.js';
import { isRemoteModelId } from '../core/remotes/remote-model-id.js';
import { submitRemoteImageJob } from './remote-image-job.js';

export const IMAGE_EDIT_QUEUE = 'image-edit';

export function imageHandlers(studio: Studio): Pick<Handlers, 'image.templates' | 'image.generate' | 'image.edit' | 'image.settings'> {
  const { projects, jobs } = studio;
  return {
    'image.templates': async () => PROCEDURAL_TEMPLATES.map((t) => ({ ...t })),

    'image.generate': async (request) => {
      if (isRemoteModelId(request.model)) return submitRemoteImageJob(studio, { ...request, model: request.model, seed: request.seed ?? randomSeed() });
      const project = projects.requireOpen().data;
      // Resolved now, so "no model" or "no such picture" answers the call rather than failing a job.
      const inputs = await resolveInputs(studio, request);
      const seeded = { ...request, seed: request.seed ?? randomSeed() };
      const job = jobs.submit({
        kind: 'image.generate',
        title: generationTitle(seeded),
        queue: request.engine,
        run: async (context) => {
          const assets: Asset[] = [];
          const save = async (image: MadeImage) => {
            const { metadata } = image;
            assets.push(
              await saveGeneratedAsset(
                studio,
                project.id,
                {
                  kind: 'image',
                  mime: 'image/png',
                  ext: 'png',
                  bytes: image.png,
                  name: `${image.label}.png`,
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
                      ...(metadata.strength !== undefined && { strength: metadata.strength, initAssetId: request.initAssetId }),
                      timeMs: image.timeMs,
                    },
                  },
                },
                context.signal,
              ),
            );
          };
          const made = await generateImages(seeded, inputs, context.signal, context.progress, save);
          const seconds = made.reduce((sum, m) => sum + m.timeMs, 0) / 1000;
          context.progress({ fraction: 1, detail: `${made.length} image${made.length === 1 ? '' : 's'} in ${seconds.toFixed(1)} s` });
          return { assets };
        },
      });
      return { jobId: job.id };
    },

    'image.edit': async (request) => {
      const project = projects.requireOpen().data;
      const source = imageAsset(studio, request.assetId);
      const { path: file } = await resolveAssetFile(projects, source.id, 'file');
      const job = jobs.submit({
        kind: 'image.edit',
        title: `Edit ${source.name}`,
        queue: IMAGE_EDIT_QUEUE,
        run: async (context) => {
          const started = performance.now();
          const edited = await editImage(await fs.readFile(file), request.ops, request.format, request.quality, context.signal);
          const stem = source.name.replace(/\.[a-z0-9]{1,8}$/i, '');
          const asset = await saveGeneratedAsset(
            studio,
            project.id,
            {
              kind: 'image',
              mime: edited.mime,
              ext: edited.ext,
              bytes: edited.bytes,
              name: `${stem} (edited).${edited.ext}`,
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
    },

    'image.settings': async ({ assetId }) => {
      let asset = imageAsset(studio, assetId);
      // An edit remakes nothing by itself: its settings are those of the picture it was made from.
      const seen = new Set<string>();
      while (asset.origin.engine === 'edit' && typeof asset.origin.parameters?.sourceAssetId === 'string' && !seen.has(asset.id)) {
        seen.add(asset.id);
        const source = projects.requireOpen().data.assets[asset.origin.parameters.sourceAssetId];
        if (!source) break;
        asset = source;
      }
      const fromOrigin = settingsFromOrigin(asset);
      if (fromOrigin) return fromOrigin;
      const { path: file } = await resolveAssetFile(projects, asset.id, 'file');
      const bytes = await fs.readFile(file);
      let settings: ImageSettings | null = null;
      try {
        settings = isPng(bytes) ? settingsFromPng(bytes) : null;
      } catch (error) {
        throw new AtelierError('UNSUPPORTED', `${asset.name} is a damaged PNG: ${(error as Error).message}.`);
      }
      if (!settings) throw new AtelierError('UNSUPPORTED', `${asset.name} carries no generation settings (no Atelier or A1111 “parameters” text in it).`);
      return settings;
    },
  };
}

function imageAsset(studio: Studio, assetId: string): Asset {
  const { data } = studio.projects.requireOpen();
  const asset = Object.hasOwn(data.assets, assetId) ? data.assets[assetId] : undefined;
  if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${assetId} in the open project.`);
  if (asset.kind !== 'image') throw new AtelierError('INVALID_INPUT', `${asset.name} is not a picture.`);
  return asset;
}

async function resolveInputs(studio: Studio, request: ImageRequest): Promise<ImageInputs> {
  if (request.engine !== 'diffusion') return {};
  const installed = studio.models.list().filter((m) => m.modality === 'image');
  const model = request.model ? installed.find((m) => m.id === request.model) : installed.find((m) => m.active);
  if (!model) {
    throw new AtelierError(
      'MODEL_NOT_FOUND',
      request.model
        ? `No installed image model "${request.model}". Installed: ${installed.map((m) => m.id).join(', ') || 'none'}.`
        : 'No image model is installed. Download one in the Models tab (or use the procedural engine, which needs none).',
    );
  }
  let initImage: Uint8Array | undefined;
  if (request.initAssetId) {
    const init = imageAsset(studio, request.initAssetId);
    initImage = await fs.readFile((await resolveAssetFile(studio.projects, init.id, 'file')).path);
  }
  return { model: { id: model.id, dir: model.path }, device: studio.settings.get().imageDevice, ...(initImage && { initImage }) };
}

function generationTitle(request: ImageRequest & { seed: number }): string {
  const what = request.engine === 'procedural' ? request.template : `“${request.prompt.trim().slice(0, 40) || 'image'}”`;
  return `${request.engine === 'procedural' ? 'Draw' : 'Diffuse'} ${what}${request.count > 1 ? ` ×${request.count}` : ''} (seed ${request.seed})`;
}

/** Settings from the project's own record of how the asset was made (generated assets, and edits of them). */
function settingsFromOrigin(asset: Asset): ImageSettings | null {
  const { origin } = asset;
  if (origin.engine !== 'procedural' && origin.engine !== 'diffusion') return null;
  const p = origin.parameters ?? {};
  const parsed = ImageSettingsSchema.safeParse({
    engine: origin.engine,
    template: p.template,
    model: origin.model,
    prompt: origin.prompt ?? '',
    negativePrompt: origin.negativePrompt ?? '',
    text: p.text,
    width: p.width ?? asset.width,
    height: p.height ?? asset.height,
    seed: origin.seed,
    steps: p.steps,
    guidance: p.guidance,
    scheduler: p.scheduler,
    source: 'origin',
  });
  return parsed.success ? parsed.data : null;
}
