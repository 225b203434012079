import { useCallback, useState } from 'react';
import { TABS, type TabId } from '../components/tabs.js';

const KEY = 'atelier.tab';

function readTab(): TabId {
  try {
    const stored = window.sessionStorage.getItem(KEY);
    const match = TABS.find((tab) => tab.id === stored);
    if (match) return match.id;
  } catch {
    // Without storage a reload starts on Write, which is fine.
  }
  return 'write';
}

/** The active tab survives a reload of the same window, like the token does. */
export function useStoredTab(): [TabId, (id: TabId) => void] {
  const [tab, setTab] = useState<TabId>(readTab);
  const select = useCallback((id: TabId) => {
    setTab(id);
    try {
      window.sessionStorage.setItem(KEY, id);
    } catch {
      // Only the next reload would notice.
    }
  }, []);
  return [tab, select];
}

/** The tabs shown at least once in this window: a tab's content is made when first needed, then kept. */
export function useVisitedTabs(active: TabId): ReadonlySet<TabId> {
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([active]));
  if (!visited.has(active)) {
    // Set during render (React's pattern for state derived from a prop): no frame shows the tab empty.
    const next = new Set(visited);
    next.add(active);
    setVisited(next);
  }
  return visited;
}
