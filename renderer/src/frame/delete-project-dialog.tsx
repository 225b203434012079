import type { ProjectSummary } from '../../../preload/contract.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';

interface DeleteProjectDialogProps {
  project: ProjectSummary;
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function DeleteProjectDialog({ project, onConfirm, onClose }: DeleteProjectDialogProps) {
  return (
    <ConfirmDialog
      title={`Move “${project.title}” to the trash?`}
      description="It stays in Atelier’s data folder."
      action="Move to trash"
      busyAction="Moving…"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
