import { useState } from 'react';
import type { ProjectSummary } from '../../../preload/contract.js';
import { Dialog } from './dialog.js';

interface DeleteProjectDialogProps {
  project: ProjectSummary;
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function DeleteProjectDialog({ project, onConfirm, onClose }: DeleteProjectDialogProps) {
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Move “${project.title}” to the trash?`} description="It stays in Atelier’s data folder." onClose={onClose}>
      <div className="dialog-actions">
        {/* The safe choice gets focus, so a stray Enter keeps the project. */}
        <button type="button" className="button button-ghost" data-autofocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={() => void confirm()}>
          {busy ? 'Moving…' : 'Move to trash'}
        </button>
      </div>
    </Dialog>
  );
}
