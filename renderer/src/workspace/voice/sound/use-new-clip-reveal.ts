import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Asset } from '../../../../../preload/contract.js';

/**
 * A clip that appears while the list is on screen (a narration or an effect just made)
 * is scrolled into view and marked new, so the result lands where the creator looks. The
 * first listing is only remembered: opening the tab scrolls nothing.
 */
export function useNewClipReveal(clips: readonly Asset[] | null, virtualizer: Virtualizer<HTMLElement, Element>): string | null {
  const known = useRef<ReadonlySet<string> | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  useEffect(() => {
    if (clips === null) return;
    const before = known.current;
    known.current = new Set(clips.map((clip) => clip.id));
    if (before === null) return;
    const index = clips.findIndex((clip) => !before.has(clip.id));
    const added = clips[index];
    if (!added) return;
    setFresh(added.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [clips, virtualizer]);
  return fresh;
}
