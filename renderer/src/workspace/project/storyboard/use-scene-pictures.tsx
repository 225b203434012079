import { useState, type ReactNode } from 'react';
import type { Asset, Scene, StoryboardEdit, StoryboardState, VideoAspect } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { blobToDataUrl } from '../../image/mask/mask-data-url.js';
import { useUpscalers } from '../../image/use-image-models.js';
import { SceneRepaintDialog } from './scene-repaint-dialog.js';
import { useScenePictureJobs, type PictureActionKind, type PictureRun } from './use-scene-picture-jobs.js';

const DONE: Readonly<Record<PictureActionKind, string>> = { upscale: 'upscaled', repaint: 'repainted', extend: 'extended' };

interface ScenePictures {
  forScene(sceneId: string): PictureRun | undefined;
  act(scene: Scene, number: number, asset: Asset, action: PictureActionKind, aspect?: VideoAspect): void;
  stop(sceneId: string): void;
  dismiss(sceneId: string): void;
  /** The mask painter while a card's Repaint part… is open. */
  dialog: ReactNode;
}

/**
 * A card's picture actions: Upscale ×4, Repaint part… (the mask painter) and Extend to a video's
 * shape run the Image tab's jobs; each new picture becomes the scene's picture as one storyboard
 * edit (Undo brings the old one back; the old asset is kept in the project).
 */
export function useScenePictures(
  edit: (change: StoryboardEdit, action: string) => Promise<StoryboardState | null>,
  onOpenModels: () => void,
  announce: (text: string) => void,
): ScenePictures {
  const { api } = useClient();
  const upscalers = useUpscalers();
  const [repainting, setRepainting] = useState<{ sceneId: string; number: number; asset: Asset } | null>(null);
  const jobs = useScenePictureJobs((sceneId, asset, action) => {
    void edit({ op: 'update', sceneId, changes: { imageAssetId: asset.id } }, `set the ${DONE[action]} picture`).then((next) => {
      if (next) announce(`The scene's picture is now ${asset.name} (${DONE[action]}); Undo brings the old one back.`);
    });
  });

  const act = (scene: Scene, number: number, asset: Asset, action: PictureActionKind, aspect?: VideoAspect) => {
    if (action === 'repaint') return setRepainting({ sceneId: scene.id, number, asset });
    if (action === 'upscale') {
      // The active upscaler model when one is installed; Lanczos otherwise.
      const model = upscalers?.find((m) => m.active)?.id;
      return void jobs.start(scene.id, 'upscale', () => api.image.edit({ assetId: asset.id, ops: [{ op: 'upscale', factor: 4, ...(model && { model }) }] }));
    }
    const [width, height] = (aspect ?? '16:9').split(':').map(Number) as [number, number];
    void jobs.start(scene.id, 'extend', () => api.image.outpaint({ assetId: asset.id, target: { aspect: { width, height } }, anchor: 'center' }));
  };

  const dialog = repainting ? (
    <SceneRepaintDialog
      number={repainting.number}
      asset={repainting.asset}
      onOpenModels={onOpenModels}
      onClose={() => setRepainting(null)}
      onRepaint={({ asset, mask, prompt }) => {
        setRepainting(null);
        void jobs.start(repainting.sceneId, 'repaint', async () => api.image.inpaint({ assetId: asset.id, maskDataUrl: await blobToDataUrl(mask), prompt }));
      }}
    />
  ) : null;

  return { forScene: jobs.forScene, act, stop: jobs.stop, dismiss: jobs.dismiss, dialog };
}
