import { FolderPlus } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportFolder } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';

/** Where the project's exports go, asked when the dialog opens and again after an export made the folder. */
export function useExportPlace(projectId: string): { place: ExportFolder | null; refresh(): void } {
  const { api } = useClient();
  const [place, setPlace] = useState<ExportFolder | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    api.projects
      .exportFolder({ projectId })
      .then((value) => live && setPlace(value))
      .catch(() => live && setPlace(null));
    return () => {
      live = false;
    };
  }, [api, projectId, asked]);
  return { place, refresh: useCallback(() => setAsked((n) => n + 1), []) };
}

/** The sentence under the dialog's title: where the file will go. */
export function placeLine(place: ExportFolder | null): string {
  if (!place) return 'Files go to the output folder from Settings, or the project’s exports folder. Existing files are never replaced.';
  if (place.canChooseFile) return 'You choose where to save when you export. Nothing is replaced without asking.';
  return `Files go to ${place.folder}${place.exists ? '' : ' (not made yet)'}. Existing files are never replaced.`;
}

/**
 * Asks before the export makes a folder that is not there yet (an output folder from Settings
 * that was never made, or the project's first export). The focus moves to the confirming
 * button, so Enter goes on and Esc-free keyboard use stays in the dialog.
 */
export function FolderConfirm({ folder, onConfirm, onCancel }: { folder: string; onConfirm(): void; onCancel(): void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="notice export-confirm" role="group" aria-label="Create the export folder?">
      <p>
        The folder <span className="path">{folder}</span> does not exist yet. Atelier makes it for this export.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Not now
        </button>
        <button ref={confirm} type="button" className="button button-primary" onClick={onConfirm}>
          <FolderPlus aria-hidden="true" size={14} />
          Create folder and export
        </button>
      </div>
    </div>
  );
}
