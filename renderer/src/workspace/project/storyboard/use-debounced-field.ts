import { useCallback, useEffect, useRef, useState } from 'react';

/** Saves waiting for their pause; Undo and Play flush them first so nothing typed is skipped. */
export type PendingSaves = Set<() => void>;

const SAVE_PAUSE_MS = 400;

/**
 * A text field that saves a moment after typing pauses (and at once on blur). While
 * a save is waiting, the field keeps what was typed; otherwise it follows main's
 * value, so an undo or another window's edit shows up.
 */
export function useDebouncedField(serverValue: string, save: (value: string) => void, pending: PendingSaves) {
  const [value, setValue] = useState(serverValue);
  const timer = useRef<number | null>(null);
  const latest = useRef(serverValue);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(() => {
    if (timer.current === null) return;
    window.clearTimeout(timer.current);
    timer.current = null;
    saveRef.current(latest.current);
  }, []);

  useEffect(() => {
    if (timer.current === null) setValue(serverValue);
  }, [serverValue]);

  useEffect(() => {
    pending.add(flush);
    return () => {
      pending.delete(flush);
      flush();
    };
  }, [flush, pending]);

  const change = useCallback((next: string) => {
    latest.current = next;
    setValue(next);
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      saveRef.current(latest.current);
    }, SAVE_PAUSE_MS);
  }, []);

  return { value, change, flush };
}
