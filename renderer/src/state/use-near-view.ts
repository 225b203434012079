import { useEffect, useState, type RefObject } from 'react';

/**
 * True once the element comes within a screen's height of the view, and from then on:
 * a thumbnail fetches its picture only when someone could see it. The web host's files
 * need the bearer token, so the fetch is ours to put off; `loading="lazy"` alone cannot.
 */
export function useNearView(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setNear(true), { rootMargin: '100% 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}
