import { useState } from 'react';
import { Dialog } from './dialog.js';

interface ConfirmDialogProps {
  title: string;
  description: string;
  /** The destructive button's label, and what it says while the action runs. */
  action: string;
  busyAction: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** A yes/no for destructive actions; the safe choice has focus, so a stray Enter changes nothing. */
export function ConfirmDialog({ title, description, action, busyAction, onConfirm, onClose }: ConfirmDialogProps) {
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
    <Dialog title={title} description={description} onClose={onClose}>
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" data-autofocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={() => void confirm()}>
          {busy ? busyAction : action}
        </button>
      </div>
    </Dialog>
  );
}
