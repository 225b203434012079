import fs from 'node:fs/promises';
import type { Asset, Scene } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ProjectFile } from '../projects/project-file.js';
import { resolveProjectFile } from '../assets/asset-files.js';
import type { TimedText } from './captions-transcript.js';

/** A project as an export reads it: its folder and a snapshot of project.json. */
export interface ExportSource {
  dir: string;
  data: ProjectFile;
  /** Recorded narrations' transcripts by audio asset id, found or made before the export (export-transcripts.ts). */
  transcripts?: ReadonlyMap<string, readonly TimedText[]>;
}

export interface SceneMedia {
  scene: Scene;
  image?: { asset: Asset; path: string };
  narration?: { asset: Asset; path: string };
  bed?: { asset: Asset; path: string };
}

/** The scenes with their asset files resolved inside the project folder; a missing file is named. */
export async function sceneMedia(source: ExportSource): Promise<SceneMedia[]> {
  // Every file is looked up at once (three per scene, each a realpath and a stat, were one
  // after another); a problem is still reported for the first scene, in order, that has one.
  const lookups = source.data.scenes.map((scene) =>
    Promise.allSettled([scene.imageAssetId, scene.narrationAssetId, scene.bedAssetId].map((id) => assetFile(source, id, scene))),
  );
  const out: SceneMedia[] = [];
  for (const [i, lookup] of lookups.entries()) {
    const [image, narration, bed] = await lookup;
    for (const result of [image, narration, bed]) if (result?.status === 'rejected') throw result.reason;
    const found = (result: typeof image) => (result?.status === 'fulfilled' ? result.value : undefined);
    out.push({ scene: source.data.scenes[i] as Scene, image: found(image), narration: found(narration), bed: found(bed) });
  }
  return out;
}

async function assetFile(source: ExportSource, assetId: string | undefined, scene: Scene): Promise<{ asset: Asset; path: string } | undefined> {
  if (!assetId) return undefined;
  const asset = source.data.assets[assetId];
  if (!asset) throw new AtelierError('PROJECT_CORRUPT', `Scene "${scene.title || scene.id}" names asset ${assetId}, which the project does not have.`);
  return { asset, path: await assetPath(source, asset) };
}

/**
 * An asset's file as the export will read it: inside the project folder after symlinks
 * resolve (the asset route's check; a link out is FORBIDDEN), and a regular file.
 */
export async function assetPath(source: ExportSource, asset: Asset): Promise<string> {
  const missing = new AtelierError('PROJECT_CORRUPT', `The file of asset "${asset.name}" (${asset.file}) is missing.`);
  const file = await resolveProjectFile(source.dir, asset.file, `Asset "${asset.name}"`).catch((error: unknown) => {
    throw error instanceof AtelierError && error.code === 'NOT_FOUND' ? missing : error;
  });
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw missing;
  return file;
}

/** "prompt · seed 42 · model x": how a generated asset was made, for captions and alt text. */
export function originLine(asset: Asset): string {
  const o = asset.origin;
  const parts: string[] = [];
  if (o.prompt) parts.push(`prompt: ${o.prompt}`);
  if (o.seed !== undefined) parts.push(`seed ${o.seed}`);
  if (o.model) parts.push(`model ${o.model}`);
  else if (o.engine) parts.push(`engine ${o.engine}`);
  return parts.join(' · ');
}

/** A scene's heading: its title, else "Scene N". */
export function sceneHeading(scene: Scene, index: number): string {
  return scene.title.trim() || `Scene ${index + 1}`;
}
