import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { focusWhenRendered, usePanelVirtualizer } from '../state/use-panel-virtualizer.js';

interface VirtualGridProps<T> {
  items: readonly T[];
  label: string;
  minColumnWidth: number;
  gap: number;
  estimateRowHeight: number;
  /**
   * One item; it spreads `aria-posinset`/`aria-setsize` and `data-grid-index` from `index` and `count`
   * on its listitem. Its controls are in the Tab order only when `tabbable` (tabIndex 0, else -1).
   */
  children(item: T, index: number, count: number, tabbable: boolean): ReactNode;
}

/**
 * A grid of cards (CSS `auto-fill` columns) with only the rows near the view in the DOM.
 * Rows are presentational, so the list's items are the cards themselves; the arrow keys
 * move between cards (a row up or down, a card left or right, Home and End), scrolling as
 * they go. Roving tabindex: one card's controls are in the Tab order (the last one focused, or
 * the first card in view when that one has scrolled out of the DOM), so Tab passes the grid in
 * one stop instead of one per card.
 */
export function VirtualGrid<T>({ items, label, minColumnWidth, gap, estimateRowHeight, children }: VirtualGridProps<T>) {
  const listRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(1);
  const [active, setActive] = useState(0);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || typeof ResizeObserver === 'undefined') return;
    const fit = () => {
      const width = list.clientWidth;
      if (width > 0) setColumns(Math.max(1, Math.floor((width + gap) / (minColumnWidth + gap))));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(list);
    return () => observer.disconnect();
  }, [gap, minColumnWidth]);

  const rows = Math.ceil(items.length / columns);
  const { virtualizer, items: rowsInView, offsetOf } = usePanelVirtualizer(listRef, { count: rows, estimateSize: estimateRowHeight, gap });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const from = Number((event.target as HTMLElement).closest<HTMLElement>('[data-grid-index]')?.dataset.gridIndex ?? NaN);
    if (Number.isNaN(from)) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns } as Record<string, number>;
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : from + (step[event.key] ?? NaN);
    if (Number.isNaN(to) || to < 0 || to >= items.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(Math.floor(to / columns), { align: 'auto' });
    focusWhenRendered(() => listRef.current?.querySelector<HTMLElement>(`[data-grid-index="${to}"] button`));
  }

  function onFocus(event: FocusEvent<HTMLDivElement>) {
    const at = Number((event.target as HTMLElement).closest<HTMLElement>('[data-grid-index]')?.dataset.gridIndex ?? NaN);
    if (!Number.isNaN(at)) setActive(at);
  }

  // The rows the panel shows (none until the list knows where it sits, see usePanelVirtualizer).
  const rendered = rowsInView;
  const firstShown = (rendered[0]?.index ?? 0) * columns;
  const lastShown = ((rendered.at(-1)?.index ?? 0) + 1) * columns - 1;
  const current = Math.min(active, items.length - 1);
  const tabStop = current >= firstShown && current <= lastShown ? current : firstShown;

  return (
    <div
      ref={listRef}
      role="list"
      aria-label={label}
      className="virtual-grid"
      style={{ height: virtualizer.getTotalSize() }}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      {rendered.map((row) => {
        const first = row.index * columns;
        return (
          <div
            key={row.key}
            role="presentation"
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="virtual-grid-row"
            style={{ transform: `translateY(${offsetOf(row.start)}px)`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap }}
          >
            {items.slice(first, first + columns).map((item, k) => children(item, first + k, items.length, first + k === tabStop))}
          </div>
        );
      })}
    </div>
  );
}
