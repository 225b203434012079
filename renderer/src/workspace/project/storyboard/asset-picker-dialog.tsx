import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { AssetThumbnail } from '../../../components/asset-thumbnail.js';
import { verticalListTarget } from '../../../components/list-keys.js';
import { Dialog } from '../../../components/dialog.js';
import { filterAssets } from '../../../state/asset-filter.js';
import { formatDuration } from '../../../format/duration.js';
import '../../../styles/asset-picker.css';

/** Which slot of a scene the picker fills: it lists only the assets that slot takes. */
export type PickerSlot = 'picture' | 'narration' | 'bed';

const SLOT_KIND: Readonly<Record<PickerSlot, Asset['kind']>> = { picture: 'image', narration: 'audio', bed: 'audio' };
export const SLOT_NAMES: Readonly<Record<PickerSlot, string>> = { picture: 'picture', narration: 'narration', bed: 'sound bed' };

interface AssetPickerDialogProps {
  slot: PickerSlot;
  number: number;
  assets: readonly Asset[];
  /** The asset in the slot now, marked in the list. */
  currentId: string | undefined;
  onPick(asset: Asset): void;
  onClose(): void;
}

function facts(asset: Asset): string {
  const ms = asset.origin.durationMs;
  if (asset.kind === 'audio' && ms !== undefined) return formatDuration(ms / 1000);
  return asset.width && asset.height ? `${asset.width}×${asset.height}` : asset.kind;
}

/**
 * The keyboard's way to put an asset on a scene (the mouse drags one from the sidebar):
 * a search field over the project's assets of the slot's kind; ↓ goes into the list,
 * ↑/↓/Home/End move in it (one Tab stop), Enter or a click picks.
 */
export function AssetPickerDialog({ slot, number, assets, currentId, onPick, onClose }: AssetPickerDialogProps) {
  const ids = { search: useId(), list: useId() };
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const kind = SLOT_KIND[slot];
  const name = SLOT_NAMES[slot];
  const ofKind = useMemo(() => assets.filter((asset) => asset.kind === kind), [assets, kind]);
  const shown = useMemo(() => filterAssets(ofKind, query), [ofKind, query]);
  const tabStop = Math.min(active, Math.max(0, shown.length - 1));

  function focusOption(index: number) {
    setActive(index);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const next = verticalListTarget(event.key, tabStop, shown.length);
    if (next !== null) {
      event.preventDefault();
      focusOption(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const asset = shown[tabStop];
      if (asset) onPick(asset);
    }
  }

  return (
    <Dialog
      title={`Choose the ${name} of scene ${number}`}
      description={kind === 'image' ? 'Pictures in this project.' : 'Sounds in this project: recordings, narration, effects and music.'}
      onClose={onClose}
    >
      <div className="asset-picker">
        <label htmlFor={ids.search} className="visually-hidden">
          Search the {kind === 'image' ? 'pictures' : 'sounds'}
        </label>
        <input
          id={ids.search}
          className="text-input"
          type="search"
          data-autofocus
          placeholder={`Search ${ofKind.length} ${kind === 'image' ? 'pictures' : 'sounds'}`}
          value={query}
          aria-controls={ids.list}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && shown.length > 0) {
              event.preventDefault();
              focusOption(tabStop);
            } else if (event.key === 'Enter' && shown[0]) {
              event.preventDefault();
              onPick(shown[0]);
            }
          }}
        />
        {shown.length === 0 ? (
          <p className="muted asset-picker-empty">
            {ofKind.length === 0
              ? `This project has no ${kind === 'image' ? 'pictures' : 'sounds'} yet. Make or import one first.`
              : `Nothing matches “${query.trim()}”.`}
          </p>
        ) : (
          <ul ref={list} id={ids.list} className="asset-picker-list" role="listbox" aria-label={`${name} for scene ${number}`} onKeyDown={onListKey}>
            {shown.map((asset, index) => (
              <li
                key={asset.id}
                role="option"
                className="asset-picker-option"
                tabIndex={index === tabStop ? 0 : -1}
                aria-selected={asset.id === currentId}
                onFocus={() => setActive(index)}
                onClick={() => onPick(asset)}
              >
                <AssetThumbnail asset={asset} />
                <span className="asset-picker-name" title={asset.name}>
                  {asset.name}
                </span>
                <span className="asset-picker-facts">{asset.id === currentId ? `${facts(asset)} · in the scene now` : facts(asset)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
