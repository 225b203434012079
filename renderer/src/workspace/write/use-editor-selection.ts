import { useRef, useState, type RefObject } from 'react';

export interface Selection {
  start: number;
  end: number;
}

export interface EditorSelection {
  editor: RefObject<HTMLTextAreaElement | null>;
  /** The last selection the textarea reported, kept while the preview hides it. */
  selection: Selection;
  setSelection(selection: Selection): void;
  /** Moves the caret (or selection) after an edit, once React has written the new text. */
  select(start: number, end: number): void;
  /** The textarea's own selection when it is shown, else the last one seen. */
  current(): Selection;
}

/** The Write editor's textarea and its selection, which formatting and the assistant act on. */
export function useEditorSelection(): EditorSelection {
  const editor = useRef<HTMLTextAreaElement>(null);
  const [selection, setSelection] = useState<Selection>({ start: 0, end: 0 });

  function select(start: number, end: number) {
    setSelection({ start, end });
    // After React has written the new value, put the caret where the edit says.
    requestAnimationFrame(() => {
      const area = editor.current;
      if (!area) return;
      area.focus();
      area.setSelectionRange(start, end);
    });
  }

  function current(): Selection {
    const area = editor.current;
    return { start: area?.selectionStart ?? selection.start, end: area?.selectionEnd ?? selection.end };
  }

  return { editor, selection, setSelection, select, current };
}
