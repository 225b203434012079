import { Crosshair } from 'lucide-react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Asset, FocusPoint } from '../../../../../preload/contract.js';
import { useAssetUrl } from '../../../state/use-asset-url.js';

/** One arrow press moves the point this far (Shift: five times as far). */
const STEP = 0.02;

const clamp = (value: number): number => Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));

function describe(focus: FocusPoint | undefined): string {
  return focus ? `${Math.round(focus.x * 100)}% across, ${Math.round(focus.y * 100)}% down` : 'none: the whole picture on a blurred fill';
}

interface SceneFocusPointProps {
  number: number;
  picture: Asset | undefined;
  focus: FocusPoint | undefined;
  save(focus: FocusPoint | null, action: string): void;
}

/**
 * Where the export crops a picture whose shape differs from the frame's: click the picture,
 * or focus it and move the point with the arrow keys (Shift for bigger steps); Reset goes
 * back to the whole picture on a blurred fill. The marker shows the point saved.
 */
export function SceneFocusPoint({ number, picture, focus, save }: SceneFocusPointProps) {
  const url = useAssetUrl(picture?.kind === 'image' ? picture.id : null, picture?.thumbnail ? 'thumbnail' : 'file');
  if (!picture) return null;

  function onClick(event: MouseEvent<HTMLButtonElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    save({ x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) }, `set the focus point of scene ${number}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const step = event.shiftKey ? STEP * 5 : STEP;
    const from = focus ?? { x: 0.5, y: 0.5 };
    save({ x: clamp(from.x + move[0] * step), y: clamp(from.y + move[1] * step) }, `move the focus point of scene ${number}`);
  }

  return (
    <div className="scene-focus">
      <span className="scene-focus-label">Focus point</span>
      <button
        type="button"
        className="scene-focus-picture"
        aria-label={`Focus point of scene ${number}: ${describe(focus)}. Click the picture or use the arrow keys to set it.`}
        data-testid="scene-focus-picture"
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        {url.status === 'ready' ? <img src={url.url} alt="" draggable={false} /> : null}
        {focus ? (
          <span className="scene-focus-marker" data-testid="scene-focus-marker" style={{ left: `${focus.x * 100}%`, top: `${focus.y * 100}%` }}>
            <Crosshair aria-hidden="true" size={16} />
          </span>
        ) : null}
      </button>
      <button
        type="button"
        className="button button-small button-ghost"
        disabled={!focus}
        onClick={() => save(null, `reset the focus point of scene ${number}`)}
      >
        Reset focus
      </button>
      <p className="scene-video-hint">
        {focus ? 'Frames of another shape are cropped around this point.' : 'Frames of another shape show the whole picture on a blurred fill.'}
      </p>
    </div>
  );
}
