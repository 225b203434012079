import type { Asset, Scene } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ProjectVideoChanges } from '../../../preload/schemas/storyboard.js';
import type { ProjectVideoSettings } from '../../../preload/schemas/video.js';

/** What a project without video settings exports with. */
const DEFAULT_VIDEO: ProjectVideoSettings = { captions: 'soft' };

/** The project's video settings as the export reads them: its own, or the defaults. */
export function projectVideo(video: ProjectVideoSettings | undefined): ProjectVideoSettings {
  return video ?? DEFAULT_VIDEO;
}

/**
 * The project's video settings with the changes merged in; undefined when every field is
 * back to its default (so a project set back saves as it was before it had settings).
 * The music bed must be one of the project's sounds and the poster one of its scenes.
 */
export function applyVideoChanges(
  current: ProjectVideoSettings | undefined,
  changes: ProjectVideoChanges,
  scenes: readonly Scene[],
  assets: Readonly<Record<string, Asset>>,
): ProjectVideoSettings | undefined {
  const next: ProjectVideoSettings = { ...projectVideo(current) };
  if (changes.musicAssetId === null) delete next.musicAssetId;
  else if (changes.musicAssetId !== undefined) {
    const asset = Object.hasOwn(assets, changes.musicAssetId) ? assets[changes.musicAssetId] : undefined;
    if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${changes.musicAssetId} in this project to use as the music bed.`);
    if (asset.kind !== 'audio')
      throw new AtelierError('INVALID_INPUT', `${asset.name} is ${asset.kind === 'image' ? 'a picture' : asset.kind}; the music bed must be a sound.`);
    next.musicAssetId = changes.musicAssetId;
  }
  if (changes.posterSceneId === null) delete next.posterSceneId;
  else if (changes.posterSceneId !== undefined) {
    if (!scenes.some((s) => s.id === changes.posterSceneId))
      throw new AtelierError('NOT_FOUND', `No scene ${changes.posterSceneId} in this storyboard for the poster frame; it may have been deleted.`);
    next.posterSceneId = changes.posterSceneId;
  }
  if (changes.captions !== undefined) next.captions = changes.captions;
  return videoSettingsEqual(next, DEFAULT_VIDEO) ? undefined : next;
}

export function videoSettingsEqual(a: ProjectVideoSettings | undefined, b: ProjectVideoSettings | undefined): boolean {
  const x = projectVideo(a);
  const y = projectVideo(b);
  return x.musicAssetId === y.musicAssetId && x.posterSceneId === y.posterSceneId && x.captions === y.captions;
}

/** Settings an undo or redo puts back, less a music bed or poster scene that is gone from the project since. */
export function stillValidVideo(
  video: ProjectVideoSettings | undefined,
  scenes: readonly Scene[],
  assets: Readonly<Record<string, Asset>>,
): ProjectVideoSettings | undefined {
  if (!video) return undefined;
  const next = { ...video };
  if (next.musicAssetId !== undefined && assets[next.musicAssetId]?.kind !== 'audio') delete next.musicAssetId;
  if (next.posterSceneId !== undefined && !scenes.some((s) => s.id === next.posterSceneId)) delete next.posterSceneId;
  return videoSettingsEqual(next, DEFAULT_VIDEO) ? undefined : next;
}
