import { useCallback, useEffect, useState } from 'react';
import { drafts } from './browser-drafts.js';
import type { WriteDraft } from './write-draft.js';

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
  const [draft, setDraft] = useState<WriteDraft>(() => drafts.load(projectId));
  const [storageFailed, setStorageFailed] = useState(false);

  // Held at once (a project created in the next moment adopts it), written a moment after
  // typing pauses, and at once when the page goes away or the project changes.
  useEffect(() => {
    drafts.hold(projectId, draft);
    const timer = window.setTimeout(() => setStorageFailed(!drafts.flush(projectId)), 250);
    return () => window.clearTimeout(timer);
  }, [draft, projectId]);
  useEffect(() => {
    const flush = () => void drafts.flush(projectId);
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
