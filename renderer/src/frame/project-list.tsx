import { FolderOpen } from 'lucide-react';
import type { ProjectSummary } from '../../../preload/contract.js';
import { formatRelative } from '../format/dates.js';
import { DamagedProjectRow } from '../components/damaged-project-row.js';
import { ProjectMenu } from './project-menu.js';

interface ProjectListProps {
  projects: ProjectSummary[] | null;
  loadError: string | null;
  onOpen(project: ProjectSummary): void;
  onRename(project: ProjectSummary): void;
  onDelete(project: ProjectSummary): void;
  onRetry(): void;
}

export function ProjectList({ projects, loadError, onOpen, onRename, onDelete, onRetry }: ProjectListProps) {
  if (!projects) {
    return loadError ? (
      <div className="sidebar-empty">
        <p>Projects could not be loaded.</p>
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      </div>
    ) : (
      <p className="sidebar-empty" aria-live="polite">
        Loading projects…
      </p>
    );
  }
  if (projects.length === 0) {
    return <p className="sidebar-empty">No projects yet. Create one to keep your writing, images and sound together.</p>;
  }
  return (
    <ul className="project-list">
      {projects.map((project) =>
        project.status === 'damaged' ? (
          <DamagedProjectRow key={project.id} project={project} onOpen={onOpen} onDelete={onDelete} />
        ) : (
          <li key={project.id} className="project-row" data-open={project.isOpen || undefined}>
            <button
              type="button"
              className="project-item"
              data-project-id={project.id}
              aria-current={project.isOpen ? 'true' : undefined}
              title={project.path}
              onClick={() => onOpen(project)}
            >
              <FolderOpen aria-hidden="true" size={15} strokeWidth={1.75} className="project-item-icon" />
              <span className="project-item-text">
                <span className="project-item-title" title={project.title}>
                  {project.title}
                </span>
                <span className="project-item-meta">
                  {project.assetCount === 1 ? '1 asset' : `${project.assetCount} assets`} · {formatRelative(project.updatedAt)}
                </span>
              </span>
            </button>
            <ProjectMenu title={project.title} onRename={() => onRename(project)} onDelete={() => onDelete(project)} />
          </li>
        ),
      )}
    </ul>
  );
}
