import fs from 'node:fs/promises';
import type { AssetKind } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ProjectStore } from '../projects/project-store.js';
import { isInside, resolveInside } from '../security/path-inside.js';

type AssetVariant = 'file' | 'thumbnail';

/**
 * The one way a host turns an asset id into bytes to serve: only assets listed in
 * the open project, only paths that stay inside its folder after symlinks resolve.
 */
export async function resolveAssetFile(
  projects: ProjectStore,
  assetId: string,
  variant: AssetVariant,
): Promise<{ path: string; mime: string; kind: AssetKind }> {
  const { dir, data } = projects.requireOpen();
  const asset = Object.hasOwn(data.assets, assetId) ? data.assets[assetId] : undefined;
  if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${assetId} in the open project.`);
  const relative = variant === 'thumbnail' ? asset.thumbnail : asset.file;
  if (!relative) throw new AtelierError('NOT_FOUND', `Asset ${asset.name} has no ${variant}.`);
  const path = await resolveProjectFile(dir, relative, asset.name);
  return { path, mime: variant === 'thumbnail' ? 'image/webp' : asset.mime, kind: variant === 'thumbnail' ? 'image' : asset.kind };
}

/**
 * A file the project names, as a real path that stays inside the project folder after
 * symlinks resolve: the one check for everything that reads an asset's bytes (the asset
 * route, every export). Missing is NOT_FOUND; a link out of the folder is FORBIDDEN.
 */
export async function resolveProjectFile(dir: string, relative: string, name: string): Promise<string> {
  const lexical = resolveInside(dir, relative);
  let real: string;
  try {
    real = await fs.realpath(lexical);
  } catch {
    throw new AtelierError('NOT_FOUND', `The file of ${name} is missing from the project folder.`);
  }
  if (!isInside(await fs.realpath(dir), real)) throw new AtelierError('FORBIDDEN', `${name} points outside the project folder.`);
  return real;
}
