import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { AssetThumbnail } from '../../../components/asset-thumbnail.js';
import { Dialog } from '../../../components/dialog.js';

export type SceneAssetSlot = 'imageAssetId' | 'narrationAssetId' | 'bedAssetId';

const WHAT: Readonly<Record<SceneAssetSlot, string>> = { imageAssetId: 'picture', narrationAssetId: 'narration', bedAssetId: 'sound bed' };

interface SceneAssetPickerProps {
  number: number;
  slot: SceneAssetSlot;
  assets: ReadonlyMap<string, Asset>;
  currentId: string | undefined;
  onChoose(assetId: string): void;
  onClose(): void;
}

/**
 * "Choose…" for a scene's picture, narration or sound bed: the keyboard's way to what a
 * drag from the sidebar does. One tab stop for the list; ↑/↓, Home and End move, Enter picks.
 */
export function SceneAssetPicker({ number, slot, assets, currentId, onChoose, onClose }: SceneAssetPickerProps) {
  const kind = slot === 'imageAssetId' ? 'image' : 'audio';
  const choices = useMemo(
    () => [...assets.values()].filter((asset) => asset.kind === kind).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [assets, kind],
  );
  const start = Math.max(
    0,
    choices.findIndex((asset) => asset.id === currentId),
  );
  const [active, setActive] = useState(start);
  const list = useRef<HTMLUListElement>(null);

  function move(index: number) {
    const next = Math.min(choices.length - 1, Math.max(0, index));
    setActive(next);
    list.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: choices.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  }

  const what = WHAT[slot];
  return (
    <Dialog title={`Choose the ${what} of scene ${number}`} onClose={onClose}>
      {choices.length === 0 ? (
        <p className="muted">
          The project has no {kind === 'image' ? 'pictures' : 'sounds'} yet: make one in the {kind === 'image' ? 'Image' : 'Voice'} tab, or import one.
        </p>
      ) : (
        <ul ref={list} className="asset-picker" aria-label={`Project ${kind === 'image' ? 'pictures' : 'sounds'}`} onKeyDown={onKeyDown}>
          {choices.map((asset, index) => (
            <li key={asset.id}>
              <button
                type="button"
                className="asset-picker-item"
                tabIndex={index === active ? 0 : -1}
                data-autofocus={index === start || undefined}
                aria-current={asset.id === currentId ? 'true' : undefined}
                onFocus={() => setActive(index)}
                onClick={() => onChoose(asset.id)}
              >
                <AssetThumbnail asset={asset} />
                <span className="asset-picker-name" title={asset.name}>
                  {asset.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
