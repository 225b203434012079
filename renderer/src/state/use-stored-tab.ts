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
