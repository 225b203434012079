import { useRef } from 'react';
import type { Asset } from '../../../preload/contract.js';
import type { AssetVariant } from '../api/studio-client.js';
import { useAssetUrl } from '../state/use-asset-url.js';
import { useNearView } from '../state/use-near-view.js';
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
  const frame = useRef<HTMLSpanElement>(null);
  const near = useNearView(frame);
  const wanted = near && asset.kind === 'image' && (variant === 'file' || asset.thumbnail) ? asset.id : null;
  const state = useAssetUrl(wanted, variant);
  return (
    <span
      ref={frame}
      className={className}
      data-kind={asset.kind}
      style={fitShape && asset.width && asset.height ? { aspectRatio: `${asset.width} / ${asset.height}` } : undefined}
    >
      {state.status === 'ready' ? (
        // Decorative: the asset's name is always next to it.
        // The frame has its size already (CSS), so nothing moves when the picture arrives.
        <img src={state.url} alt="" draggable={false} loading="lazy" decoding="async" width={asset.width} height={asset.height} />
      ) : (
        <AssetIcon kind={asset.kind} size={iconSize} />
      )}
    </span>
  );
}
