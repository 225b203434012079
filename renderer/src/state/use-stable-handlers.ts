import { useRef, useState } from 'react';

/**
 * One object of callbacks whose identity never changes, each calling the latest version
 * given: memoised list items can take it without re-rendering whenever their parent does.
 */
export function useStableHandlers<T extends object>(latest: T): T {
  const ref = useRef(latest);
  ref.current = latest;
  const [stable] = useState(() => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(latest)) out[key] = (...args: never[]) => (ref.current[key as keyof T] as (...a: never[]) => unknown)(...args);
    return out as T;
  });
  return stable;
}
