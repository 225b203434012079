import { memo } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { formatBytes } from '../../../../preload/human-units.js';
import { ASSET_DRAG_TYPE } from '../../frame/asset-list.js';
import { AssetThumbnail } from '../../components/asset-thumbnail.js';
import { VirtualGrid } from '../../components/virtual-grid.js';
import { MOD } from '../../state/shortcuts.js';

interface ProjectAssetsProps {
  assets: Asset[] | null;
  selectedAssetId: string | null;
  onSelectAsset(asset: Asset): void;
}

/** The Project tab's asset cards: only the rows near the view are in the DOM, whatever the project's size. */
export function ProjectAssets({ assets, selectedAssetId, onSelectAsset }: ProjectAssetsProps) {
  return (
    <div className="panel-section">
      <h3 className="section-title">Assets</h3>
      {assets && assets.length > 0 ? (
        <VirtualGrid items={assets} label="Assets" minColumnWidth={148} gap={8} estimateRowHeight={180}>
          {(asset, index, total, tabbable) => (
            <AssetCard
              key={asset.id}
              asset={asset}
              index={index}
              total={total}
              tabbable={tabbable}
              current={asset.id === selectedAssetId}
              onSelect={onSelectAsset}
            />
          )}
        </VirtualGrid>
      ) : (
        <p className="muted">{assets ? `Nothing here yet. Import files with Import… in the sidebar (${MOD}+I).` : 'Loading assets…'}</p>
      )}
    </div>
  );
}

interface AssetCardProps {
  asset: Asset;
  index: number;
  total: number;
  tabbable: boolean;
  current: boolean;
  onSelect(asset: Asset): void;
}

const AssetCard = memo(function AssetCard({ asset, index, total, tabbable, current, onSelect }: AssetCardProps) {
  return (
    <div role="listitem" aria-posinset={index + 1} aria-setsize={total} data-grid-index={index}>
      <button
        type="button"
        tabIndex={tabbable ? 0 : -1}
        className="asset-card"
        draggable
        aria-current={current ? 'true' : undefined}
        onClick={() => onSelect(asset)}
        onDragStart={(event) => event.dataTransfer.setData(ASSET_DRAG_TYPE, asset.id)}
      >
        <AssetThumbnail asset={asset} className="asset-card-thumb" iconSize={24} />
        <span className="asset-card-name" title={asset.name}>
          {asset.name}
        </span>
        <span className="asset-card-meta">{formatBytes(asset.size)}</span>
      </button>
    </div>
  );
});
