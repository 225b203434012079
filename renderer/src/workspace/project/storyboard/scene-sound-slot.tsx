import { AudioLines, Music, Pause, Play, X } from 'lucide-react';
import { useState, type DragEvent } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { ASSET_DRAG_TYPE } from '../../../frame/asset-list.js';
import { formatDuration } from '../../../format/duration.js';

interface SceneSoundSlotProps {
  kind: 'narration' | 'bed';
  number: number;
  asset: Asset | undefined;
  missing: boolean;
  playing: boolean;
  onToggle(asset: Asset): void;
  onDetach(): void;
  /** Opens the asset picker for this slot (the keyboard's way in; the mouse can also drop). */
  onChoose(): void;
  /** Only the bed slot takes drops itself; narration comes from a drop on the card. */
  onDropAsset?(assetId: string): void;
}

const LABELS = { narration: 'Narration', bed: 'Sound bed' } as const;
const EMPTY = { narration: 'None yet: Narrate, drop or choose a recording', bed: 'Optional: a sound under the narration' } as const;

function durationOf(asset: Asset): string | null {
  const ms = asset.origin.durationMs;
  return ms === undefined ? null : formatDuration(ms / 1000);
}

/** One line of the card for a sound: what it is, how long, play, remove. */
export function SceneSoundSlot({ kind, number, asset, missing, playing, onToggle, onDetach, onChoose, onDropAsset }: SceneSoundSlotProps) {
  const [over, setOver] = useState(false);
  const Icon = kind === 'narration' ? AudioLines : Music;
  const label = LABELS[kind];
  const accepts = (event: DragEvent) => onDropAsset !== undefined && event.dataTransfer.types.includes(ASSET_DRAG_TYPE);
  const duration = asset ? durationOf(asset) : null;

  return (
    <div
      className="scene-sound"
      data-kind={kind}
      data-over={over || undefined}
      aria-label={`${label} of scene ${number}`}
      role="group"
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'link';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        if (!accepts(event)) return;
        event.preventDefault();
        event.stopPropagation();
        onDropAsset?.(event.dataTransfer.getData(ASSET_DRAG_TYPE));
      }}
    >
      <Icon aria-hidden="true" size={14} className="scene-sound-icon" />
      <span className="scene-sound-label">{label}</span>
      {asset ? (
        <>
          <button
            type="button"
            className="icon-button icon-button-small"
            aria-label={`${playing ? 'Pause' : 'Play'} the ${label.toLowerCase()} of scene ${number}`}
            onClick={() => onToggle(asset)}
          >
            {playing ? <Pause aria-hidden="true" size={14} /> : <Play aria-hidden="true" size={14} />}
          </button>
          <span className="scene-sound-name" title={asset.name}>
            {asset.name}
          </span>
          {duration ? <span className="scene-sound-duration">{duration}</span> : null}
        </>
      ) : (
        <span className="scene-sound-empty" title={missing ? undefined : EMPTY[kind]}>
          {missing ? 'The file is missing from the project' : EMPTY[kind]}
        </span>
      )}
      {/* Always here, after the rest, so it keeps the focus when the picked sound fills the row. */}
      <button
        type="button"
        className="button button-small button-ghost scene-choose"
        aria-label={`Choose the ${label.toLowerCase()} of scene ${number}…`}
        title={`Choose a sound from the project (or drop one ${kind === 'bed' ? 'here' : 'on the card'})`}
        aria-haspopup="dialog"
        onClick={onChoose}
      >
        Choose…
      </button>
      {asset || missing ? (
        <button
          type="button"
          className="icon-button icon-button-small"
          aria-label={`Remove the ${label.toLowerCase()} from scene ${number}`}
          title="Remove it from the scene (the file stays in the project)"
          onClick={onDetach}
        >
          <X aria-hidden="true" size={14} />
        </button>
      ) : null}
    </div>
  );
}
