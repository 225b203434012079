import type { Asset } from '../../../../../preload/contract.js';
import { Dialog } from '../../../components/dialog.js';
import { ImageRepaintPanel, type RepaintRequest } from '../../image/image-repaint-panel.js';
import { useImageModels } from '../../image/use-image-models.js';

interface SceneRepaintDialogProps {
  number: number;
  asset: Asset;
  onRepaint(request: RepaintRequest): void;
  onOpenModels(): void;
  onClose(): void;
}

/** The Image tab's mask painter on a scene's picture; Repaint closes it and the card shows the progress. */
export function SceneRepaintDialog({ number, asset, onRepaint, onOpenModels, onClose }: SceneRepaintDialogProps) {
  const models = useImageModels();
  return (
    <Dialog
      title={`Repaint part of the picture of scene ${number}`}
      description="The new picture becomes the scene's; the old one is kept."
      width="wide"
      onClose={onClose}
    >
      <ImageRepaintPanel
        asset={asset}
        running={null}
        canRepaint={models === null || models.length > 0}
        onRepaint={onRepaint}
        onOpenModels={onOpenModels}
        onClose={onClose}
      />
    </Dialog>
  );
}
