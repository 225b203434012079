import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

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

/**
 * A list long enough to need virtualizing, inside a tab panel that scrolls as a whole
 * (`.panel`): the panel stays the scroller, so the page scrolls as it always did, and the
 * list's own offset inside it is the virtualizer's scrollMargin.
 */
export function usePanelVirtualizer<E extends HTMLElement>(
  listRef: RefObject<E | null>,
  options: PanelVirtualizerOptions,
): { virtualizer: Virtualizer<HTMLElement, Element>; offsetOf(start: number): number } {
  const [scrollMargin, setScrollMargin] = useState(0);
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
    overscan: options.overscan ?? 4,
    scrollMargin,
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

  return { virtualizer, offsetOf: (start: number) => start - scrollMargin };
}

/** Waits (a few frames at most) for an item React has yet to put on the page, then focuses it. */
export function focusWhenRendered(find: () => HTMLElement | null | undefined, framesLeft = 30): void {
  requestAnimationFrame(() => {
    const target = find();
    if (target) target.focus();
    else if (framesLeft > 0) focusWhenRendered(find, framesLeft - 1);
  });
}
