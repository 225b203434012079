import { useCallback } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';

/** A scene's title from a picture's name: "Harbour (seed 42).png" → "Harbour". */
function titleFrom(asset: Asset): string {
  return asset.name
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/\s*\((?:seed \d+|edited)\)/gi, '')
    .trim()
    .slice(0, 200);
}

/** "Send to storyboard": a new scene at the end holding the picture (two edits, so Undo takes them back one at a time). */
export function useSendToStoryboard(): (asset: Asset) => Promise<void> {
  const { api } = useClient();
  const notify = useNotify();
  return useCallback(
    async (asset: Asset) => {
      try {
        const before = new Set((await api.storyboard.get({})).scenes.map((scene) => scene.id));
        const added = await api.storyboard.edit({ op: 'add', title: titleFrom(asset) });
        const scene = added.scenes.find((s) => !before.has(s.id)) ?? added.scenes.at(-1);
        if (!scene) return;
        await api.storyboard.edit({ op: 'update', sceneId: scene.id, changes: { imageAssetId: asset.id } });
        notify.success(`Sent to the storyboard as scene ${added.scenes.indexOf(scene) + 1}`, `“${asset.name}” is its picture. See it in the Project tab.`);
      } catch (error) {
        notify.error(error, `send “${asset.name}” to the storyboard`);
      }
    },
    [api, notify],
  );
}
