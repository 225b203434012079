import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Asset, Scene } from '../../../../../preload/contract.js';
import { formatDuration } from '../../../format/duration.js';
import { focusWhenRendered } from '../../../state/use-panel-virtualizer.js';
import '../../../styles/storyboard-overview.css';
import { sceneMs } from './scene-timing.js';
import { stripWidths } from './strip-widths.js';

interface StoryboardOverviewProps {
  scenes: readonly Scene[];
  assetsById: ReadonlyMap<string, Asset>;
  /** Scrolls the large card into view and focuses it. */
  onReveal(sceneId: string): void;
}

/** Short scenes stay readable; a long storyboard scrolls sideways. */
const MIN_BLOCK = 96;
const GAP = 4;

/** The strip's own width (its content box), followed as the window resizes. */
function useContentWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The whole storyboard at a glance above the large cards: one block per scene, as wide as
 * it plays, with its number, title and length, and the total. One Tab stop; arrows move
 * along it, Enter brings the card into view. Only the blocks in view (and the one with
 * the Tab stop) are on the page, so 500 scenes cost what 10 do.
 */
export const StoryboardOverview = memo(function StoryboardOverview({ scenes, assetsById, onReveal }: StoryboardOverviewProps) {
  const [current, setCurrent] = useState(0);
  const stripRef = useRef<HTMLOListElement>(null);
  const room = useContentWidth(stripRef);
  const lengths = useMemo(() => scenes.map((scene) => sceneMs(scene, assetsById) / 1000), [scenes, assetsById]);
  const total = useMemo(() => lengths.reduce((sum, seconds) => sum + seconds, 0), [lengths]);
  const widths = useMemo(() => stripWidths(lengths, room, MIN_BLOCK, GAP), [lengths, room]);
  const tabStop = Math.max(0, Math.min(current, scenes.length - 1));
  const keep = useRef(tabStop);
  keep.current = tabStop;

  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    return keep.current < range.count && !indexes.includes(keep.current) ? [...indexes, keep.current].sort((a, b) => a - b) : indexes;
  }, []);
  // A new key function whenever the widths change: the virtualizer then lays the row out again from estimateSize.
  const getItemKey = useCallback((index: number) => `${scenes[index]?.id ?? index}:${widths[index] ?? MIN_BLOCK}`, [scenes, widths]);
  const virtualizer = useVirtualizer<HTMLOListElement, HTMLLIElement>({
    horizontal: true,
    count: scenes.length,
    getScrollElement: () => stripRef.current,
    estimateSize: (index) => widths[index] ?? MIN_BLOCK,
    getItemKey,
    gap: GAP,
    overscan: 4,
    rangeExtractor,
  });

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
    virtualizer.scrollToIndex(next, { align: 'auto' });
    focusWhenRendered(() => stripRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`));
  };

  return (
    <nav className="storyboard-overview" aria-label="Storyboard overview">
      <p className="storyboard-overview-total">
        {scenes.length} {scenes.length === 1 ? 'scene' : 'scenes'} · {formatDuration(total)}
      </p>
      <ol ref={stripRef} className="storyboard-strip" style={{ gridTemplateColumns: `${virtualizer.getTotalSize()}px` }}>
        {virtualizer.getVirtualItems().map((item) => {
          const scene = scenes[item.index];
          if (!scene) return null;
          const index = item.index;
          const title = scene.title.trim() || 'Untitled';
          const length = formatDuration(lengths[index] ?? 0);
          return (
            <li
              key={item.key}
              className="storyboard-strip-item"
              data-index={index}
              aria-posinset={index + 1}
              aria-setsize={scenes.length}
              style={{ width: item.size, transform: `translateX(${item.start}px)` }}
            >
              <button
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
});
