import { useEffect } from 'react';

/**
 * "Export…" asked for from outside the Project tab (the desktop menu). The request waits
 * until an export button is on screen to take it, so it is not lost while the tab mounts.
 */
let pending = false;
const listeners = new Set<() => void>();

export function requestExport(): void {
  pending = true;
  for (const listener of listeners) listener();
}

/** Calls `open` once for each export request, including one made before this component mounted. */
export function useExportRequests(open: () => void): void {
  useEffect(() => {
    const take = () => {
      if (!pending) return;
      pending = false;
      open();
    };
    take();
    listeners.add(take);
    return () => {
      listeners.delete(take);
    };
  }, [open]);
}
