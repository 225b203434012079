import { z } from 'zod';
import { TextDocumentSaveSchema } from '../../../../preload/contract.js';

/** The document in the editor: kept in localStorage on every change, so a crash or a reload loses nothing. */
export const WriteDraftSchema = z.object({
  name: z.string().max(200),
  markdown: z.string(),
  /** The text asset this document saves over; absent until the first save. */
  assetId: z.string().optional(),
  /** How the last accepted suggestion was made; recorded with the next save. */
  origin: TextDocumentSaveSchema.shape.origin,
  /** What was last saved, to tell whether there are unsaved changes. */
  savedMarkdown: z.string().optional(),
  savedName: z.string().optional(),
});
export type WriteDraft = z.infer<typeof WriteDraftSchema>;

const EMPTY_DRAFT: WriteDraft = { name: 'Untitled', markdown: '' };

/** The part of the browser's localStorage the drafts use (passed in, so Node tests give a Map). */
interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface DraftStore {
  /**
   * The project's draft. A project without one adopts what was written while no
   * project was open (moved, not copied), so creating a project never hides a draft.
   */
  load(projectId: string | null): WriteDraft;
  /** Notes the newest draft of a project; `flush` (or the next `load`) is where it counts. */
  hold(projectId: string | null, draft: WriteDraft): void;
  /** Writes the held draft, if one still waits; false when the browser refused. */
  flush(projectId: string | null): boolean;
}

function key(projectId: string | null): string {
  return `atelier.write.draft.${projectId ?? 'no-project'}`;
}

/**
 * Drafts kept on this computer. `storage` is asked for on each use: the browser throws
 * on touching localStorage where it is disabled, and that must read as "nothing kept".
 */
export function createDraftStore(storage: () => DraftStorage): DraftStore {
  // Drafts changed but not yet written: storage is written a moment after typing pauses,
  // and a project created (or a tab switched) within that moment must still see the words.
  const waiting = new Map<string, WriteDraft>();

  function read(projectId: string | null): WriteDraft | null {
    const held = waiting.get(key(projectId));
    if (held) return held;
    try {
      const raw = storage().getItem(key(projectId));
      if (!raw) return null;
      const parsed = WriteDraftSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** False when the browser refused (storage full or blocked); the editor says so instead of pretending. */
  function store(projectId: string | null, draft: WriteDraft): boolean {
    try {
      storage().setItem(key(projectId), JSON.stringify(draft));
      // Refused, it stays held: the next read still sees the newest words.
      waiting.delete(key(projectId));
      return true;
    } catch {
      return false;
    }
  }

  return {
    load(projectId) {
      const own = read(projectId);
      if (own || projectId === null) return own ?? EMPTY_DRAFT;
      const loose = read(null);
      if (!loose || loose.markdown.trim() === '') return EMPTY_DRAFT;
      if (store(projectId, loose)) {
        // Moved: a write still waiting for the loose draft must not bring it back.
        waiting.delete(key(null));
        try {
          storage().removeItem(key(null));
        } catch {
          // The copy under the project is what counts; a stale loose draft is harmless.
        }
      }
      return loose;
    },
    hold(projectId, draft) {
      waiting.set(key(projectId), draft);
    },
    flush(projectId) {
      const held = waiting.get(key(projectId));
      return held ? store(projectId, held) : true;
    },
  };
}
