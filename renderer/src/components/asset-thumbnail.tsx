import type { Asset } from '../../../preload/contract.js';
import type { AssetVariant } from '../api/studio-client.js';
import { useAssetUrl } from '../state/use-asset-url.js';
import { AssetIcon } from './asset-icon.js';

interface AssetThumbnailProps {
  asset: Asset;
  /** The sidebar wants the small thumbnail; the inspector may show the file itself. */
  variant?: AssetVariant;
  className?: string;
  iconSize?: number;
  /** Give the frame the picture's own shape (the inspector), instead of a fixed one (lists, grids). */
  fitShape?: boolean;
}

export function AssetThumbnail({ asset, variant = 'thumbnail', className = 'thumb', iconSize = 16, fitShape = false }: AssetThumbnailProps) {
  const wanted = asset.kind === 'image' && (variant === 'file' || asset.thumbnail) ? asset.id : null;
  const state = useAssetUrl(wanted, variant);
  return (
    <span
      className={className}
      data-kind={asset.kind}
      style={fitShape && asset.width && asset.height ? { aspectRatio: `${asset.width} / ${asset.height}` } : undefined}
    >
      {state.status === 'ready' ? (
        // Decorative: the asset's name is always next to it.
        <img src={state.url} alt="" draggable={false} />
      ) : (
        <AssetIcon kind={asset.kind} size={iconSize} />
      )}
    </span>
  );
}
