import { useId } from 'react';
import { MOD } from '../../state/shortcuts.js';
import { wordCount } from './markdown-blocks.js';
import { MarkdownPreview } from './markdown-preview.js';
import type { EditorSelection } from './use-editor-selection.js';
import type { WriteDraftState } from './use-write-draft.js';

interface WriteEditorProps {
  preview: boolean;
  markdown: string;
  onChange(markdown: string): void;
  editor: EditorSelection;
}

/** The Markdown textarea, or its rendered preview. */
export function WriteEditor({ preview, markdown, onChange, editor }: WriteEditorProps) {
  const id = useId();
  return preview ? (
    <MarkdownPreview markdown={markdown} label="Preview" />
  ) : (
    <textarea
      id={id}
      ref={editor.editor}
      className="text-input write-editor"
      aria-label="Document text"
      spellCheck
      placeholder="Start writing in Markdown, or ask the assistant to begin…"
      value={markdown}
      onChange={(event) => onChange(event.target.value)}
      onSelect={(event) => editor.setSelection({ start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd })}
    />
  );
}

/** Where the words are kept (saving, saved, only a local draft, or nowhere) and how many there are. */
export function WriteFooter({ drafts, saving }: { drafts: WriteDraftState; saving: boolean }) {
  const { draft, dirty, storageFailed } = drafts;
  const status = saving
    ? 'Saving…'
    : storageFailed
      ? 'This browser refused to keep a draft: save into the project to be safe.'
      : draft.assetId && !dirty
        ? 'Saved in the project'
        : dirty || draft.markdown
          ? 'Unsaved changes · draft kept on this computer'
          : 'Empty document';
  return (
    <footer className="write-footer">
      <span role="status">{status}</span>
      <span>
        {wordCount(draft.markdown).toLocaleString()} words · {MOD}+S saves
      </span>
    </footer>
  );
}
