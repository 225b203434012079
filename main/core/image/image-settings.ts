import fs from 'node:fs/promises';
import type { Asset } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { ImageSettingsSchema, type ImageSettings } from '../../../preload/schemas/image.js';
import { settingsFromImage } from '../../engines/image/export-metadata.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import type { ProjectStore } from '../projects/project-store.js';

/** An image asset of the open project: NOT_FOUND when there is none, INVALID_INPUT when it is not a picture. */
export function imageAsset(projects: ProjectStore, assetId: string): Asset {
  const { data } = projects.requireOpen();
  const asset = Object.hasOwn(data.assets, assetId) ? data.assets[assetId] : undefined;
  if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${assetId} in the open project.`);
  if (asset.kind !== 'image') throw new AtelierError('INVALID_INPUT', `${asset.name} is not a picture.`);
  return asset;
}

/** How a picture was made: the project's record of it, else the settings its PNG carries. */
export async function imageSettings(projects: ProjectStore, assetId: string): Promise<ImageSettings> {
  let asset = imageAsset(projects, assetId);
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
    settings = await settingsFromImage(bytes);
  } catch (error) {
    throw new AtelierError('UNSUPPORTED', `${asset.name} is a damaged picture: ${(error as Error).message}.`);
  }
  if (!settings) throw new AtelierError('UNSUPPORTED', `${asset.name} carries no generation settings (no Atelier or A1111 “parameters” text in it).`);
  return settings;
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
