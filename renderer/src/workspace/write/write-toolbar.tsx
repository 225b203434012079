import { Bold, Code, Eye, Heading2, Italic, Link2, List, ListOrdered, PencilLine, Quote } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Formatting } from './markdown-format.js';

const TOOLBAR: readonly { kind: Formatting; label: string; icon: typeof Bold }[] = [
  { kind: 'bold', label: 'Bold', icon: Bold },
  { kind: 'italic', label: 'Italic', icon: Italic },
  { kind: 'heading', label: 'Heading', icon: Heading2 },
  { kind: 'bullets', label: 'Bulleted list', icon: List },
  { kind: 'numbers', label: 'Numbered list', icon: ListOrdered },
  { kind: 'quote', label: 'Quote', icon: Quote },
  { kind: 'code', label: 'Code', icon: Code },
  { kind: 'link', label: 'Link', icon: Link2 },
];

interface WriteToolbarProps {
  preview: boolean;
  /** The Dictate button, beside the formatting (dictate-control.tsx). */
  dictate: ReactNode;
  onPreview(preview: boolean): void;
  onFormat(kind: Formatting): void;
}

/** The Markdown formatting buttons and the Write / Preview switch. */
export function WriteToolbar({ preview, dictate, onPreview, onFormat }: WriteToolbarProps) {
  return (
    <div className="write-toolbar">
      <div className="write-format" role="toolbar" aria-label="Formatting">
        {TOOLBAR.map(({ kind, label, icon: Icon }) => (
          // Mouse-down would take focus, and the selection with it, from the editor the button formats.
          <button
            key={kind}
            type="button"
            className="icon-button icon-button-small"
            aria-label={label}
            title={label}
            disabled={preview}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onFormat(kind)}
          >
            <Icon aria-hidden="true" size={15} />
          </button>
        ))}
      </div>
      <div className="write-toolbar-end">
        {dictate}
        <div className="segmented" role="radiogroup" aria-label="View">
          <label className="segment">
            <input type="radio" name="write-view" checked={!preview} onChange={() => onPreview(false)} />
            <PencilLine aria-hidden="true" size={13} />
            Write
          </label>
          <label className="segment">
            <input type="radio" name="write-view" checked={preview} onChange={() => onPreview(true)} />
            <Eye aria-hidden="true" size={13} />
            Preview
          </label>
        </div>
      </div>
    </div>
  );
}
