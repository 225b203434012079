import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { Asset } from '../../../preload/contract.js';
import { formatBytes } from '../../../preload/human-units.js';
import { AssetThumbnail } from '../components/asset-thumbnail.js';
import { AssetMenu, type AssetMenuAnchor } from './asset-menu.js';
import { verticalListTarget } from '../components/list-keys.js';
import { focusWhenRendered } from '../state/use-panel-virtualizer.js';

/** The drag format the storyboard will accept; the value is the asset id. */
export const ASSET_DRAG_TYPE = 'application/x-atelier-asset';

function assetTypeLabel(asset: Asset): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(asset.name)?.[1];
  return extension ? extension.toUpperCase() : asset.kind;
}

interface AssetListProps {
  assets: readonly Asset[];
  selectedId: string | null;
  onSelect(asset: Asset): void;
}

/**
 * One row: 36 px thumbnail with 6 px padding above and below; rows 1 px apart. The CSS holds
 * every row at this height, so rows are placed by it and never measured (a measurement as a
 * row mounts would lay the page out in the middle of React's commit).
 */
const ROW = 48;

/**
 * The open project's assets, only the rows in view (and a few around them) in the DOM, so
 * 2,000 assets cost what 20 do. One row is the Tab stop (the selected one, else the
 * focused or first); ↑/↓/Home/End move between rows, scrolling the list as they go.
 */
export function AssetList({ assets, selectedId, onSelect }: AssetListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const indexOf = (id: string | null) => (id === null ? -1 : assets.findIndex((asset) => asset.id === id));
  const focusedIndex = indexOf(focusedId);
  const tabStop = focusedIndex >= 0 ? focusedIndex : Math.max(0, indexOf(selectedId));

  const virtualizer = useVirtualizer({
    count: assets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    gap: 1,
    overscan: 6,
    getItemKey: (index) => assets[index]?.id ?? index,
    // The Tab stop stays rendered when scrolled away, so Tab always lands in the list.
    rangeExtractor: (range) => {
      const indexes = new Set<number>();
      for (let i = Math.max(0, range.startIndex - range.overscan); i <= Math.min(range.count - 1, range.endIndex + range.overscan); i += 1) indexes.add(i);
      if (tabStop < range.count) indexes.add(tabStop);
      return [...indexes].sort((a, b) => a - b);
    },
  });

  function moveFocus(index: number) {
    const asset = assets[index];
    if (!asset) return;
    setFocusedId(asset.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    focusWhenRendered(() => scroller.current?.querySelector<HTMLElement>(`[data-asset-id="${CSS.escape(asset.id)}"]`));
  }

  const [menu, setMenu] = useState<AssetMenuAnchor | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  /** Right-click at the pointer; Shift+F10 or the Menu key under the row. */
  function openMenu(row: HTMLElement | null, at?: { x: number; y: number }) {
    const asset = assets.find((a) => a.id === row?.dataset.assetId);
    if (!row || !asset) return;
    const box = row.getBoundingClientRect();
    setMenu({ asset, x: at?.x ?? box.left + 24, y: at?.y ?? box.bottom, returnFocus: row });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if ((event.shiftKey && event.key === 'F10') || event.key === 'ContextMenu') {
      event.preventDefault();
      openMenu((event.target as HTMLElement).closest<HTMLElement>('[data-asset-id]'));
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const index = Number((event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index ?? NaN);
    if (Number.isNaN(index)) return;
    const next = verticalListTarget(event.key, index, assets.length);
    if (next === null) return;
    event.preventDefault();
    moveFocus(next);
  }

  return (
    <div ref={scroller} className="asset-list">
      <ul
        className="asset-list-rows"
        aria-label="Assets"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onContextMenu={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('[data-asset-id]');
          if (!row) return;
          event.preventDefault();
          openMenu(row, { x: event.clientX, y: event.clientY });
        }}
        onFocus={(event) => {
          const id = (event.target as HTMLElement).dataset.assetId;
          if (id && id !== focusedId) setFocusedId(id);
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const asset = assets[item.index];
          if (!asset) return null;
          return (
            <AssetRow
              key={asset.id}
              asset={asset}
              index={item.index}
              count={assets.length}
              offset={item.start}
              selected={asset.id === selectedId}
              tabbable={item.index === tabStop}
              onSelect={onSelect}
            />
          );
        })}
      </ul>
      {menu ? <AssetMenu anchor={menu} onSelect={onSelect} onClose={closeMenu} /> : null}
    </div>
  );
}

interface AssetRowProps {
  asset: Asset;
  index: number;
  count: number;
  offset: number;
  selected: boolean;
  tabbable: boolean;
  onSelect(asset: Asset): void;
}

const AssetRow = memo(function AssetRow({ asset, index, count, offset, selected, tabbable, onSelect }: AssetRowProps) {
  return (
    <li data-index={index} aria-setsize={count} aria-posinset={index + 1} style={{ transform: `translateY(${offset}px)` }}>
      <button
        type="button"
        className="asset-item"
        draggable
        tabIndex={tabbable ? 0 : -1}
        data-asset-id={asset.id}
        aria-current={selected ? 'true' : undefined}
        aria-keyshortcuts="Shift+F10"
        onClick={() => onSelect(asset)}
        onDragStart={(event) => {
          event.dataTransfer.setData(ASSET_DRAG_TYPE, asset.id);
          event.dataTransfer.setData('text/plain', asset.name);
          event.dataTransfer.effectAllowed = 'copyLink';
        }}
      >
        <AssetThumbnail asset={asset} />
        <span className="asset-item-text">
          <span className="asset-item-name" title={asset.name}>
            {asset.name}
          </span>
          <span className="asset-item-meta">
            {assetTypeLabel(asset)} · {formatBytes(asset.size)}
          </span>
        </span>
      </button>
    </li>
  );
});
