import type { Scene } from '../../../../../preload/contract.js';

function sameScene(a: Scene, b: Scene): boolean {
  return (
    a.title === b.title &&
    a.text === b.text &&
    a.imageAssetId === b.imageAssetId &&
    a.narrationAssetId === b.narrationAssetId &&
    a.bedAssetId === b.bedAssetId &&
    // The video settings are small and flat: their JSON is a fair comparison.
    JSON.stringify(a.video) === JSON.stringify(b.video)
  );
}

/**
 * Main answers every edit with the whole storyboard. Scenes that did not change keep the
 * objects the page already holds (looked up by id), so a memoised card re-renders only
 * when its own scene did; the array itself is kept when nothing changed at all.
 */
export function reuseScenes(previous: readonly Scene[] | undefined, next: Scene[]): Scene[] {
  if (!previous) return next;
  const byId = new Map(previous.map((scene) => [scene.id, scene]));
  let changed = previous.length !== next.length;
  const merged = next.map((scene, index) => {
    const old = byId.get(scene.id);
    if (old && sameScene(old, scene)) {
      if (previous[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return scene;
  });
  return changed ? merged : (previous as Scene[]);
}
