import { useRef, useState, type KeyboardEvent } from 'react';
import type { Asset, Scene } from '../../../../../preload/contract.js';
import { formatDuration } from '../../../format/duration.js';
import '../../../styles/storyboard-overview.css';
import { sceneMs } from './scene-timing.js';

interface StoryboardOverviewProps {
  scenes: readonly Scene[];
  assetsById: ReadonlyMap<string, Asset>;
  /** Scrolls the large card into view and focuses it. */
  onReveal(sceneId: string): void;
}

/**
 * The whole storyboard at a glance above the large cards: one block per scene, as wide as
 * it plays, with its number, title and length, and the total. One Tab stop; arrows move
 * along it, Enter brings the card into view.
 */
export function StoryboardOverview({ scenes, assetsById, onReveal }: StoryboardOverviewProps) {
  const [current, setCurrent] = useState(0);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const lengths = scenes.map((scene) => sceneMs(scene, assetsById) / 1000);
  const total = lengths.reduce((sum, seconds) => sum + seconds, 0);
  const tabStop = Math.min(current, scenes.length - 1);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = scenes.length - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(index + 1, last)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setCurrent(next);
    items.current[next]?.focus();
  };

  return (
    <nav className="storyboard-overview" aria-label="Storyboard overview">
      <p className="storyboard-overview-total">
        {scenes.length} {scenes.length === 1 ? 'scene' : 'scenes'} · {formatDuration(total)}
      </p>
      <ol className="storyboard-strip">
        {scenes.map((scene, index) => {
          const title = scene.title.trim() || 'Untitled';
          const length = formatDuration(lengths[index] ?? 0);
          return (
            <li key={scene.id} className="storyboard-strip-item" style={{ flexGrow: lengths[index] ?? 1 }}>
              <button
                ref={(element) => {
                  items.current[index] = element;
                }}
                type="button"
                className="storyboard-strip-scene"
                data-picture={scene.imageAssetId ? true : undefined}
                tabIndex={index === tabStop ? 0 : -1}
                title={`Scene ${index + 1}: ${title} · ${length}`}
                onFocus={() => setCurrent(index)}
                onKeyDown={(event) => onKeyDown(event, index)}
                onClick={() => onReveal(scene.id)}
              >
                {/* Named by its own words, with the hidden ones a listener needs between them. */}
                <span className="visually-hidden">Scene </span>
                <span className="storyboard-strip-number">{index + 1}</span>
                <span className="visually-hidden">: </span>
                <span className="storyboard-strip-title">{title}</span>
                <span className="visually-hidden">, </span>
                <span className="storyboard-strip-length">{length}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
