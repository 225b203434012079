import { Copy, FileWarning, FolderOpen } from 'lucide-react';
import { useId, useState } from 'react';
import type { ProjectSummary } from '../../../preload/contract.js';
import { useClient } from '../state/client-context.js';
import { useNotify } from '../state/notifications.js';
import { ProjectMenu } from '../frame/project-menu.js';

interface DamagedProjectRowProps {
  project: ProjectSummary;
  onOpen(project: ProjectSummary): void;
  onDelete(project: ProjectSummary): void;
}

/**
 * A project whose project.json and backup cannot be read: kept in the list, greyed, with
 * what is wrong and its folder, so the creator can mend it instead of losing track of it.
 * Opening it still asks main, whose PROJECT_CORRUPT error says what to do.
 */
export function DamagedProjectRow({ project, onOpen, onDelete }: DamagedProjectRowProps) {
  const client = useClient();
  const notify = useNotify();
  const explanation = useId();
  const [copied, setCopied] = useState(false);

  async function copyPath() {
    try {
      await navigator.clipboard.writeText(project.path);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch (error) {
      notify.error(error, 'copy the folder path');
    }
  }

  async function reveal() {
    try {
      await client.api.projects.reveal({ id: project.id });
    } catch (error) {
      notify.error(error, `show the folder of “${project.title}”`);
    }
  }

  return (
    <li className="project-row project-row-damaged" aria-label={`${project.title} (damaged)`}>
      <div className="project-row-line">
        <button type="button" className="project-item" aria-describedby={explanation} title={project.path} onClick={() => onOpen(project)}>
          <FileWarning aria-hidden="true" size={15} strokeWidth={1.75} className="project-item-icon" />
          <span className="project-item-text">
            <span className="project-item-title" title={project.title}>
              {project.title}
            </span>
            <span className="project-item-meta">Cannot be read</span>
          </span>
          <span className="badge badge-warning">damaged</span>
        </button>
        <ProjectMenu title={project.title} onDelete={() => onDelete(project)} />
      </div>
      <div id={explanation} className="project-damage">
        <p>Its project.json and the backup beside it cannot be read. Put a good copy of project.json back into its folder, then open it again.</p>
        <code className="project-damage-path path">{project.path}</code>
        <div className="project-damage-actions">
          {/* The desktop opens the file manager there; a browser tab cannot, so it offers the path to copy. */}
          {client.host === 'electron' ? (
            <button type="button" className="button button-small" onClick={() => void reveal()}>
              <FolderOpen aria-hidden="true" size={13} />
              Show in folder
            </button>
          ) : (
            <button type="button" className="button button-small" onClick={() => void copyPath()} aria-label={`Copy the folder path of ${project.title}`}>
              <Copy aria-hidden="true" size={13} />
              {copied ? 'Copied' : 'Copy path'}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
