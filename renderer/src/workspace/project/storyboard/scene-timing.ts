import type { Asset, Scene } from '../../../../../preload/contract.js';

/** A scene without narration (or whose sound will not play) shows this long. */
export const DEFAULT_SCENE_MS = 4000;

/**
 * How long a scene plays, as the player and the export time it: a fixed length when the
 * scene has one, else its narration's length, else DEFAULT_SCENE_MS.
 */
export function sceneMs(scene: Scene, assetsById: ReadonlyMap<string, Asset>, voiced = true): number {
  if (scene.video?.durationSeconds !== undefined) return scene.video.durationSeconds * 1000;
  const narration = scene.narrationAssetId ? assetsById.get(scene.narrationAssetId) : undefined;
  if (voiced && narration?.kind === 'audio' && narration.origin.durationMs !== undefined) return narration.origin.durationMs;
  return DEFAULT_SCENE_MS;
}
