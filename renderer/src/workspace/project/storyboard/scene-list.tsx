import { useImperativeHandle, useRef, useState, type DragEvent, type FocusEvent, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { Scene } from '../../../../../preload/contract.js';
import { verticalListTarget } from '../../../components/list-keys.js';
import { focusWhenRendered, usePanelVirtualizer } from '../../../state/use-panel-virtualizer.js';

/** What the storyboard asks of its list: bring a scene into view and focus it (or a control in it). */
export interface SceneListHandle {
  reveal(sceneId: string, selector?: string): void;
}

/** Where a card sits in the virtual list; the card puts these on its `<li>`. */
export interface SceneSlot {
  index: number;
  count: number;
  offset: number;
  /** The one card reachable with Tab (roving focus); arrows move between cards. */
  tabbable: boolean;
  measure(element: Element | null): void;
}

interface SceneListProps {
  scenes: readonly Scene[];
  dragging: string | null;
  handleRef: Ref<SceneListHandle>;
  renderCard(scene: Scene, slot: SceneSlot): ReactNode;
}

/** Roughly one card at 1440 px; each is measured once it renders. */
const CARD_ESTIMATE = 230;
/** From the top or bottom of the panel: a dragged card near the edge scrolls the list. */
const EDGE = 64;

/**
 * The storyboard's cards, only those on screen (and a few around them) in the DOM: a
 * 500-scene storyboard costs what a 10-scene one does. The focused card and a dragged
 * one stay rendered when scrolled away, so focus and a drag survive the virtual boundary.
 */
export function SceneList({ scenes, dragging, handleRef, renderCard }: SceneListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const indexOf = (id: string | null) => (id === null ? -1 : scenes.findIndex((scene) => scene.id === id));
  const activeIndex = indexOf(activeId);
  const tabStop = activeIndex >= 0 ? activeIndex : 0;
  const latestScenes = useRef(scenes);
  latestScenes.current = scenes;

  const { virtualizer, items, offsetOf } = usePanelVirtualizer(listRef, {
    count: scenes.length,
    estimateSize: CARD_ESTIMATE,
    gap: 16,
    keep: [tabStop, indexOf(dragging)],
  });

  function reveal(sceneId: string, selector?: string) {
    setActiveId(sceneId);
    // React may not have the scene yet (an add answered a moment ago): look it up each frame.
    let scrolled = false;
    focusWhenRendered(() => {
      const index = latestScenes.current.findIndex((scene) => scene.id === sceneId);
      if (index < 0) return null;
      if (!scrolled) {
        virtualizer.scrollToIndex(index, { align: 'auto' });
        scrolled = true;
      }
      const card = listRef.current?.querySelector<HTMLElement>(`[data-scene-id="${CSS.escape(sceneId)}"]`);
      return selector ? card?.querySelector<HTMLElement>(selector) : card;
    });
  }

  useImperativeHandle(handleRef, () => ({ reveal }));

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const card = event.target as HTMLElement;
    // Only when the card itself has focus: inside a field the arrows belong to the caret.
    if (!card.matches('[data-scene-id]')) return;
    const index = Number(card.dataset.index);
    const next = verticalListTarget(event.key, index, scenes.length);
    if (next === null) return;
    event.preventDefault();
    const scene = scenes[next];
    if (scene) reveal(scene.id);
  }

  function onFocus(event: FocusEvent<HTMLOListElement>) {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-scene-id]')?.dataset.sceneId;
    if (id && id !== activeId) setActiveId(id);
  }

  function onDragOver(event: DragEvent<HTMLOListElement>) {
    const panel = listRef.current?.closest<HTMLElement>('.panel');
    if (!panel || dragging === null) return;
    const box = panel.getBoundingClientRect();
    if (event.clientY < box.top + EDGE) panel.scrollBy(0, -24);
    else if (event.clientY > box.bottom - EDGE) panel.scrollBy(0, 24);
  }

  return (
    <ol
      ref={listRef}
      className="scene-list"
      aria-label="Scenes"
      data-dragging={dragging !== null || undefined}
      style={{ height: virtualizer.getTotalSize() }}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onDragOver={onDragOver}
    >
      {items.map((item) => {
        const scene = scenes[item.index];
        if (!scene) return null;
        return renderCard(scene, {
          index: item.index,
          count: scenes.length,
          offset: offsetOf(item.start),
          tabbable: item.index === tabStop,
          measure: virtualizer.measureElement,
        });
      })}
    </ol>
  );
}
