import { ImageIcon, X } from 'lucide-react';
import type { Asset, VideoAspect } from '../../../../../preload/contract.js';
import { useAssetUrl } from '../../../state/use-asset-url.js';
import { ScenePictureActions } from './scene-picture-actions.js';
import type { PictureActionKind } from './use-scene-picture-jobs.js';

interface ScenePictureProps {
  number: number;
  asset: Asset | undefined;
  /** The scene has an id whose asset is gone from the project. */
  missing: boolean;
  busy: boolean;
  onDetach(): void;
  /** Opens the asset picker for the picture (the keyboard's way to set one). */
  onChoose(): void;
  /** Upscale, repaint or extend the picture into a new one that becomes the scene's. */
  onPictureAction(action: PictureActionKind, aspect?: VideoAspect): void;
}

/** The card's picture, or a drop hint; dropping a picture anywhere on the card lands here. */
export function ScenePicture({ number, asset, missing, busy, onDetach, onChoose, onPictureAction }: ScenePictureProps) {
  const variant = asset?.thumbnail ? 'thumbnail' : 'file';
  const url = useAssetUrl(asset?.kind === 'image' ? asset.id : null, variant);
  return (
    <div className="scene-picture" data-empty={!asset || undefined} aria-busy={busy || undefined}>
      {asset && url.status === 'ready' ? (
        <img
          src={url.url}
          alt={`Picture of scene ${number}: ${asset.name}`}
          draggable={false}
          loading="lazy"
          decoding="async"
          width={asset.width}
          height={asset.height}
        />
      ) : (
        <span className="scene-picture-hint">
          <ImageIcon aria-hidden="true" size={20} strokeWidth={1.6} />
          {missing ? 'Picture missing' : asset ? 'Loading…' : 'Drop a picture'}
        </span>
      )}
      {/* Over the picture's corner: the card keeps its height. */}
      <button
        type="button"
        className="button button-small scene-picture-choose"
        aria-label={`Choose the picture of scene ${number}…`}
        title="Choose a picture from the project (or drop one on the card)"
        aria-haspopup="dialog"
        onClick={onChoose}
      >
        Choose…
      </button>
      {asset?.kind === 'image' ? <ScenePictureActions number={number} asset={asset} busy={busy} onAction={onPictureAction} /> : null}
      {asset || missing ? (
        <button
          type="button"
          className="icon-button icon-button-small scene-detach"
          aria-label={`Remove the picture from scene ${number}`}
          title="Remove the picture (the file stays in the project)"
          onClick={onDetach}
        >
          <X aria-hidden="true" size={14} />
        </button>
      ) : null}
    </div>
  );
}
