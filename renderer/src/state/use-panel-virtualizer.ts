import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

interface PanelVirtualizerOptions {
  count: number;
  /** A first guess of one item's height; items are measured once they render. */
  estimateSize: number;
  gap?: number;
  /** Items per row (a grid): the virtualizer then counts rows of this many. */
  lanes?: number;
  /** Indexes rendered even when off screen: the focused item keeps its focus, a dragged card its drag. */
  keep?: readonly number[];
  overscan?: number;
}

/** Items made around the view once the first paint is on screen (before it, only those in view). */
const OVERSCAN = 4;

/**
 * A list long enough to need virtualizing, inside a tab panel that scrolls as a whole
 * (`.panel`): the panel stays the scroller, so the page scrolls as it always did, and the
 * list's own offset inside it is the virtualizer's scrollMargin.
 *
 * `items` is empty until that offset has been read (in the layout effect of the first
 * render, before anything is painted): taken as 0, the list would seem to start at the top
 * of the panel and the first render would make every item that fits the whole panel, most
 * of them thrown away a moment later. The items around the view (overscan) are made after
 * the first paint, so opening a long storyboard paints its first card without waiting for
 * cards no one sees yet.
 */
export function usePanelVirtualizer<E extends HTMLElement>(
  listRef: RefObject<E | null>,
  options: PanelVirtualizerOptions,
): { virtualizer: Virtualizer<HTMLElement, Element>; items: VirtualItem[]; offsetOf(start: number): number } {
  const [scrollMargin, setScrollMargin] = useState<number | null>(null);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // After the first paint: a frame, then a task once that frame is drawn.
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  const keep = useRef(options.keep ?? []);
  keep.current = options.keep ?? [];

  const rangeExtractor = useCallback((range: Range) => {
    const indexes = new Set(defaultRangeExtractor(range));
    for (const index of keep.current) if (index >= 0 && index < range.count) indexes.add(index);
    return [...indexes].sort((a, b) => a - b);
  }, []);

  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count: options.count,
    getScrollElement: () => listRef.current?.closest<HTMLElement>('.panel') ?? null,
    estimateSize: () => options.estimateSize,
    gap: options.gap ?? 0,
    lanes: options.lanes ?? 1,
    overscan: painted ? (options.overscan ?? OVERSCAN) : 0,
    scrollMargin: scrollMargin ?? 0,
    rangeExtractor,
  });

  // The list's place inside the panel moves with what is above it (a toolbar, a notice);
  // read again after every render, which the virtualizer causes on scroll and resize. No
  // dependency list on purpose; the state is set only when the offset moved, so it settles.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const list = listRef.current;
    const panel = list?.closest<HTMLElement>('.panel');
    if (!list || !panel || panel.clientHeight === 0) return;
    const margin = Math.round(list.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop);
    if (margin !== scrollMargin) setScrollMargin(margin);
  });

  const items = scrollMargin === null ? [] : virtualizer.getVirtualItems();
  return { virtualizer, items, offsetOf: (start: number) => start - (scrollMargin ?? 0) };
}

/**
 * Focuses an item at once when it is on the page, else waits (a few frames at most) for React
 * to put it there. At once matters: a key pressed right after an arrow (ArrowRight, Enter) must
 * reach the item the arrow moved to, not the one the focus would have left a frame later.
 */
export function focusWhenRendered(find: () => HTMLElement | null | undefined, framesLeft = 30): void {
  const target = find();
  if (target) target.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusWhenRendered(find, framesLeft - 1));
}
