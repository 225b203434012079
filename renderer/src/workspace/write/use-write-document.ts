import { useEffect, useRef, useState } from 'react';
import { AtelierError, TextDocumentSaveSchema, type Asset, type AtelierApi, type ProjectSummary } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';
import type { WriteDraftState } from './use-write-draft.js';
import type { WriteDraft } from './write-draft.js';

/** What the save call's schema accepts: checked here so the writer hears it before anything is sent. */
const TEXT_DOCUMENT_MAX_CHARS = TextDocumentSaveSchema.shape.markdown.maxLength ?? 2_000_000;
const TOO_LARGE_HINT = 'Split it into smaller documents, then save each one.';

interface WriteDocumentOptions {
  project: ProjectSummary | null;
  drafts: WriteDraftState;
  /** Asks the sidebar to reload the asset list (a save made or changed one). */
  onAssetsChanged(): void;
  /** Another document replaced the draft: the old suggestion and caret no longer apply. */
  onReplaced(): void;
  /** A text asset to load, asked for elsewhere (the inspector's "Open in Write"). */
  openRequest?: { assetId: string } | null;
  onOpenRequestDone?(): void;
}

export interface WriteDocument {
  saving: boolean;
  /** The text asset chosen in the Open picker, not yet opened. */
  openId: string;
  setOpenId(id: string): void;
  save(): Promise<void>;
  open(assetId: string): Promise<void>;
  newDocument(): void;
}

/**
 * Saves the draft over the asset it was opened from or last saved as, or as a new asset when
 * it has none or that asset has gone (NOT_FOUND). The host decides, not the asset list: just
 * after a reload the list may not have arrived yet, and a save then must still update in place.
 */
async function saveOverOrAnew(api: AtelierApi, draft: WriteDraft): Promise<{ saved: Asset; updated: boolean }> {
  const document = { name: draft.name.trim() || 'Untitled', markdown: draft.markdown, ...(draft.origin && { origin: draft.origin }) };
  if (draft.assetId) {
    try {
      return { saved: await api.text.saveDocument({ ...document, assetId: draft.assetId }), updated: true };
    } catch (error) {
      if (!(error instanceof AtelierError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  return { saved: await api.text.saveDocument(document), updated: false };
}

/** Saving the draft into the project as a text asset, opening one, and starting afresh. */
export function useWriteDocument({ project, drafts, onAssetsChanged, onReplaced, openRequest, onOpenRequestDone }: WriteDocumentOptions): WriteDocument {
  const { api } = useClient();
  const notify = useNotify();
  const { draft, setDraft, change, dirty } = drafts;
  const [saving, setSaving] = useState(false);
  const [openId, setOpenId] = useState('');

  async function save() {
    if (saving) return;
    if (!project) {
      notify.info('Open a project first', 'Documents are saved into the open project; your draft is kept meanwhile.');
      return;
    }
    if (draft.markdown.length > TEXT_DOCUMENT_MAX_CHARS) {
      notify.error(
        Object.assign(
          new AtelierError(
            'TOO_LARGE',
            `“${draft.name}” is ${draft.markdown.length.toLocaleString()} characters; a text asset holds at most ${TEXT_DOCUMENT_MAX_CHARS.toLocaleString()}.`,
          ),
          { hint: TOO_LARGE_HINT },
        ),
        `save ${draft.name || 'the document'}`,
      );
      return;
    }
    setSaving(true);
    try {
      const { saved, updated } = await saveOverOrAnew(api, draft);
      change({ assetId: saved.id, savedMarkdown: draft.markdown, savedName: draft.name, origin: undefined });
      notify.success(`Saved ${saved.name}`, updated ? 'The text asset was updated.' : 'A new text asset is in the project.');
      onAssetsChanged();
    } catch (error) {
      // The host's own sentence says what is too large; the generic hint ("pick a smaller file") does not fit a document.
      const hinted = error instanceof AtelierError && error.code === 'TOO_LARGE' ? Object.assign(error, { hint: TOO_LARGE_HINT }) : error;
      notify.error(hinted, `save ${draft.name || 'the document'}`);
    } finally {
      setSaving(false);
    }
  }

  async function open(assetId: string) {
    if (!assetId) return;
    // Already open and unchanged: nothing to load, nothing to ask.
    if (assetId === draft.assetId && !dirty) return;
    if (dirty && draft.markdown.trim() !== '' && !window.confirm(`Open another document? Unsaved changes to “${draft.name}” will be lost.`)) return;
    try {
      const read = await api.text.readDocument({ assetId });
      setDraft({ name: read.name, markdown: read.markdown, assetId: read.assetId, savedMarkdown: read.markdown, savedName: read.name });
      setOpenId('');
      onReplaced();
    } catch (error) {
      notify.error(error, 'open the document');
    }
  }

  // The latest `open` sees the current draft; the effect below only fires for a new request.
  const openLatest = useRef(open);
  openLatest.current = open;
  useEffect(() => {
    if (!openRequest) return;
    onOpenRequestDone?.();
    void openLatest.current(openRequest.assetId);
  }, [openRequest, onOpenRequestDone]);

  function newDocument() {
    if (dirty && draft.markdown.trim() !== '' && !window.confirm(`Start a new document? Unsaved changes to “${draft.name}” will be lost.`)) return;
    setDraft({ name: 'Untitled', markdown: '' });
    onReplaced();
  }

  return { saving, openId, setOpenId, save, open, newDocument };
}
