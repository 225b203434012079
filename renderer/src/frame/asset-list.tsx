import type { Asset } from '../../../preload/contract.js';
import { formatBytes } from '../../../preload/human-units.js';
import { AssetThumbnail } from '../components/asset-thumbnail.js';

/** The drag format the storyboard will accept; the value is the asset id. */
export const ASSET_DRAG_TYPE = 'application/x-atelier-asset';

export function assetTypeLabel(asset: Asset): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(asset.name)?.[1];
  return extension ? extension.toUpperCase() : asset.kind;
}

interface AssetListProps {
  assets: Asset[];
  selectedId: string | null;
  onSelect(asset: Asset): void;
}

export function AssetList({ assets, selectedId, onSelect }: AssetListProps) {
  return (
    <ul className="asset-list">
      {assets.map((asset) => (
        <li key={asset.id}>
          <button
            type="button"
            className="asset-item"
            draggable
            aria-current={asset.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(asset)}
            onDragStart={(event) => {
              event.dataTransfer.setData(ASSET_DRAG_TYPE, asset.id);
              event.dataTransfer.setData('text/plain', asset.name);
              event.dataTransfer.effectAllowed = 'copyLink';
            }}
          >
            <AssetThumbnail asset={asset} />
            <span className="asset-item-text">
              <span className="asset-item-name">{asset.name}</span>
              <span className="asset-item-meta">
                {assetTypeLabel(asset)} · {formatBytes(asset.size)}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
