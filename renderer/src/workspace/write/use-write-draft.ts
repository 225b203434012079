import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDraft, storeDraft, type WriteDraft } from './write-draft.js';

export interface WriteDraftState {
  draft: WriteDraft;
  setDraft(draft: WriteDraft): void;
  change(patch: Partial<WriteDraft>): void;
  /** The browser refused to store the draft (storage full or disabled). */
  storageFailed: boolean;
  /** The text or name differs from what was last saved into the project. */
  dirty: boolean;
}

/** The open project's draft, kept on this computer so a closed tab or a crash loses nothing. */
export function useWriteDraft(projectId: string | null): WriteDraftState {
  const [draft, setDraft] = useState<WriteDraft>(() => loadDraft(projectId));
  const [storageFailed, setStorageFailed] = useState(false);

  // Written a moment after typing pauses, and at once when the page goes away or the project changes.
  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const pending = useRef(false);
  useEffect(() => {
    pending.current = true;
    const timer = window.setTimeout(() => {
      pending.current = false;
      setStorageFailed(!storeDraft(projectId, draft));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [draft, projectId]);
  useEffect(() => {
    // Only a write still waiting: a stored draft may since have moved to a new project.
    const flush = () => {
      if (pending.current) storeDraft(projectId, latestDraft.current);
      pending.current = false;
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [projectId]);

  const change = useCallback((patch: Partial<WriteDraft>) => setDraft((current) => ({ ...current, ...patch })), []);
  const dirty = draft.markdown !== (draft.savedMarkdown ?? '') || draft.name !== (draft.savedName ?? draft.name);
  return { draft, setDraft, change, storageFailed, dirty };
}
