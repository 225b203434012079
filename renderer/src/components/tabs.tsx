import { AudioLines, Boxes, Clapperboard, Image, PenLine, type LucideIcon } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { MOD } from '../state/shortcuts.js';

export const TABS = [
  { id: 'write', label: 'Write', icon: PenLine },
  { id: 'image', label: 'Image', icon: Image },
  { id: 'voice', label: 'Voice', icon: AudioLines },
  { id: 'project', label: 'Project', icon: Clapperboard },
  { id: 'models', label: 'Models', icon: Boxes },
] as const satisfies readonly { id: string; label: string; icon: LucideIcon }[];

export type TabId = (typeof TABS)[number]['id'];

export const tabElementId = (id: TabId) => `tab-${id}`;
export const panelElementId = (id: TabId) => `panel-${id}`;

interface TabListProps {
  active: TabId;
  onSelect(id: TabId): void;
}

/** WAI-ARIA tabs with automatic activation: panels are cheap to show, so focus and selection move together. */
export function TabList({ active, onSelect }: TabListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const activeIndex = TABS.findIndex((tab) => tab.id === active);

  // When a shortcut switches tabs while a tab has focus, focus follows so the roving tabindex stays true.
  useEffect(() => {
    const list = listRef.current;
    if (!list || !list.contains(document.activeElement)) return;
    list.querySelector<HTMLButtonElement>(`#${tabElementId(active)}`)?.focus();
  }, [active]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = TABS.length - 1;
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = activeIndex === last ? 0 : activeIndex + 1;
        break;
      case 'ArrowLeft':
        next = activeIndex === 0 ? last : activeIndex - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      default:
        return;
    }
    event.preventDefault();
    const tab = TABS[next];
    if (!tab) return;
    onSelect(tab.id);
    listRef.current?.querySelector<HTMLButtonElement>(`#${tabElementId(tab.id)}`)?.focus();
  }

  return (
    <div ref={listRef} role="tablist" aria-label="Workspace" className="tablist" onKeyDown={onKeyDown}>
      {TABS.map(({ id, label, icon: Icon }, index) => {
        const selected = id === active;
        return (
          <button
            key={id}
            type="button"
            role="tab"
            id={tabElementId(id)}
            aria-selected={selected}
            aria-controls={panelElementId(id)}
            tabIndex={selected ? 0 : -1}
            className="tab"
            title={`${label} (${MOD}+${index + 1})`}
            onClick={() => onSelect(id)}
          >
            <Icon aria-hidden="true" size={15} strokeWidth={1.75} />
            <span className="tab-label">{label}</span>
          </button>
        );
      })}
    </div>
  );
}
