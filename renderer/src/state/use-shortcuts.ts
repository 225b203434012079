import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  selectTab(index: number): void;
  newProject(): void;
  importFiles(): void;
  openSettings(): void;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  // The listener stays attached once; it always calls the newest handlers.
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.repeat) return;
      // A modal dialog owns the keyboard until it closes.
      if (document.querySelector('dialog[open]')) return;
      const digit = /^Digit([1-5])$/.exec(event.code);
      const key = event.key.toLowerCase();
      const handlersNow = ref.current;
      if (digit) handlersNow.selectTab(Number(digit[1]) - 1);
      else if (key === 'n') handlersNow.newProject();
      else if (key === 'i') handlersNow.importFiles();
      else if (key === ',') handlersNow.openSettings();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
