import type { Scene } from '../../../../../preload/contract.js';
import { fold } from '../../../format/fold.js';

/** Scenes whose title or text holds every word of the query (case and accents ignored). */
export function filterScenes(scenes: readonly Scene[], query: string): readonly Scene[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return scenes;
  return scenes.filter((scene) => {
    const haystack = fold(`${scene.title}\n${scene.text}`);
    return words.every((word) => haystack.includes(word));
  });
}
