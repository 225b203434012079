import { useId, useState, type FormEvent } from 'react';
import { ProjectTitleSchema, toErrorShape } from '../../../preload/contract.js';
import { Dialog } from '../components/dialog.js';

interface ProjectTitleDialogProps {
  heading: string;
  submitLabel: string;
  busyLabel: string;
  initialTitle?: string;
  /** Resolves when saved; a rejection is shown inside the dialog, which stays open. */
  onSubmit(title: string): Promise<void>;
  onClose(): void;
}

/** One dialog for naming a project, used by New project and Rename. */
export function ProjectTitleDialog({ heading, submitLabel, busyLabel, initialTitle = '', onSubmit, onClose }: ProjectTitleDialogProps) {
  const [title, setTitle] = useState(initialTitle);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    // Always handled here: the CSP's form-action 'none' forbids a real submission.
    event.preventDefault();
    if (busy) return;
    const parsed = ProjectTitleSchema.safeParse(title);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the title.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(parsed.data);
    } catch (failure) {
      setError(toErrorShape(failure).message);
      setBusy(false);
    }
  }

  return (
    <Dialog title={heading} onClose={onClose}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={inputId} className="field-label">
            Project title
          </label>
          <input
            id={inputId}
            className="text-input"
            data-autofocus
            value={title}
            maxLength={120}
            autoComplete="off"
            spellCheck={false}
            placeholder="Harbour Night"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setTitle(event.target.value);
              if (error) setError(null);
            }}
            onFocus={(event) => event.target.select()}
          />
          {error ? (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
