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

function key(projectId: string | null): string {
  return `atelier.write.draft.${projectId ?? 'no-project'}`;
}

function readDraft(projectId: string | null): WriteDraft | null {
  try {
    const raw = window.localStorage.getItem(key(projectId));
    if (!raw) return null;
    const parsed = WriteDraftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The project's draft. A project without one adopts what was written while no
 * project was open (moved, not copied), so creating a project never hides a draft.
 */
export function loadDraft(projectId: string | null): WriteDraft {
  const own = readDraft(projectId);
  if (own || projectId === null) return own ?? EMPTY_DRAFT;
  const loose = readDraft(null);
  if (!loose || loose.markdown.trim() === '') return EMPTY_DRAFT;
  if (storeDraft(projectId, loose)) {
    try {
      window.localStorage.removeItem(key(null));
    } catch {
      // The copy under the project is what counts; a stale loose draft is harmless.
    }
  }
  return loose;
}

/** False when the browser refused (storage full or blocked); the editor says so instead of pretending. */
export function storeDraft(projectId: string | null, draft: WriteDraft): boolean {
  try {
    window.localStorage.setItem(key(projectId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}
