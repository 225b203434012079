import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Asset } from '../../../preload/contract.js';
import { useNotify } from '../state/notifications.js';
import { useSendToStoryboard } from '../workspace/project/storyboard/use-send-to-storyboard.js';
import { useTranscribeAsset } from '../workspace/voice/use-transcribe-asset.js';

/** Where the menu opens: at the pointer for a right-click, under the row for the keyboard. */
export interface AssetMenuAnchor {
  asset: Asset;
  x: number;
  y: number;
  /** Focus goes back here when the menu closes, as a native menu returns it. */
  returnFocus: HTMLElement | null;
}

interface AssetMenuProps {
  anchor: AssetMenuAnchor;
  onSelect(asset: Asset): void;
  onClose(): void;
}

interface Item {
  label: string;
  run(): unknown;
}

/**
 * An asset's context menu (right-click, Shift+F10 or the Menu key on a row): the actions
 * that exist for it. Arrows, Home and End move; Enter runs; Esc, Tab or a click elsewhere
 * close it and give the focus back to the row.
 */
export function AssetMenu({ anchor, onSelect, onClose }: AssetMenuProps) {
  const { asset } = anchor;
  const menu = useRef<HTMLDivElement>(null);
  const notify = useNotify();
  const sendToStoryboard = useSendToStoryboard();
  const transcribe = useTranscribeAsset();
  const items: Item[] = [
    { label: 'Show in inspector', run: () => onSelect(asset) },
    ...(asset.kind === 'image' ? [{ label: 'Send to storyboard', run: () => sendToStoryboard(asset) }] : []),
    ...(asset.kind === 'audio' || asset.kind === 'video' ? [{ label: 'Transcribe', run: () => transcribe(asset) }] : []),
    {
      label: 'Copy name',
      run: () =>
        navigator.clipboard.writeText(asset.name).then(
          () => notify.info('Copied', asset.name),
          (error: unknown) => notify.error(error, 'copy the name'),
        ),
    },
  ];

  const close = () => {
    onClose();
    anchor.returnFocus?.focus();
  };

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const target = { ArrowDown: (at + 1) % entries.length, ArrowUp: (at - 1 + entries.length) % entries.length, Home: 0, End: entries.length - 1 }[event.key];
    if (target !== undefined) {
      event.preventDefault();
      entries[target]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    }
  };

  // Kept inside the window: a menu opened near the right or bottom edge opens the other way.
  const left = Math.min(anchor.x, window.innerWidth - 220);
  const top = Math.min(anchor.y, window.innerHeight - 40 * items.length - 16);
  return (
    <div ref={menu} role="menu" aria-label={`Actions for ${asset.name}`} className="asset-menu" style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="asset-menu-item"
          onClick={() => {
            close();
            void item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
