import { useEffect, useRef } from 'react';

interface ShortcutHandlers {
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

interface UndoShortcutHandlers {
  undo(): void;
  redo(): void;
}

/** Whether the browser's own undo belongs to the focused element (a text field keeps its typing history). */
function ownsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'file', 'submit', 'reset', 'color'].includes(target.type);
}

/**
 * Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, while `enabled` (the storyboard
 * is on screen). Inside a text field the browser undoes the typing instead.
 */
export function useUndoShortcuts(handlers: UndoShortcutHandlers, enabled: boolean): void {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]') || ownsUndo(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) ref.current.undo();
      else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey && !event.metaKey)) ref.current.redo();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
