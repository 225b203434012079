import { Expand, Maximize2, Paintbrush, Wand2 } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { VIDEO_ASPECTS, type Asset, type VideoAspect } from '../../../../../preload/contract.js';
import type { PictureActionKind } from './use-scene-picture-jobs.js';
import '../../../styles/scene-picture-actions.css';

const ASPECT_NAMES: Readonly<Record<VideoAspect, string>> = { '16:9': 'wide video', '9:16': 'vertical video', '1:1': 'square video' };

/** The video shapes the picture is not already (within a few pixels): the ones extending can make. */
function extendAspects(asset: Asset): VideoAspect[] {
  const { width, height } = asset;
  if (!width || !height) return [];
  return VIDEO_ASPECTS.filter((aspect) => {
    const [w, h] = aspect.split(':').map(Number) as [number, number];
    return Math.abs(width / height - w / h) > 0.02;
  });
}

interface ScenePictureActionsProps {
  number: number;
  asset: Asset;
  busy: boolean;
  onAction(action: PictureActionKind, aspect?: VideoAspect): void;
}

/**
 * "Picture…" over the card's picture: upscale it, repaint a part, or extend it to a video's shape.
 * A disclosure of plain buttons, so Tab reaches each; Esc closes it and returns to the toggle.
 */
export function ScenePictureActions({ number, asset, busy, onAction }: ScenePictureActionsProps) {
  const [open, setOpen] = useState(false);
  const groupId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const choose = (action: PictureActionKind, aspect?: VideoAspect) => {
    setOpen(false);
    onAction(action, aspect);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="scene-picture-actions" onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="button button-small scene-picture-more"
        aria-label={`Picture actions for scene ${number}`}
        title="Upscale, repaint a part, or extend to a video's shape (each makes a new picture; the old one is kept)"
        aria-expanded={open}
        aria-controls={groupId}
        disabled={busy}
        onClick={() => setOpen((value) => !value)}
      >
        <Wand2 aria-hidden="true" size={13} />
        Picture…
      </button>
      {open ? (
        <div id={groupId} className="scene-picture-menu" role="group" aria-label={`Picture actions for scene ${number}`}>
          <button type="button" className="button button-small" onClick={() => choose('upscale')}>
            <Maximize2 aria-hidden="true" size={13} />
            Upscale ×4
          </button>
          <button type="button" className="button button-small" onClick={() => choose('repaint')}>
            <Paintbrush aria-hidden="true" size={13} />
            Repaint part…
          </button>
          {extendAspects(asset).map((aspect) => (
            <button key={aspect} type="button" className="button button-small" onClick={() => choose('extend', aspect)}>
              <Expand aria-hidden="true" size={13} />
              Extend to {aspect} ({ASPECT_NAMES[aspect]})
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
