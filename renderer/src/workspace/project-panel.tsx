import { FolderPlus } from 'lucide-react';
import type { Asset, ProjectSummary } from '../../../preload/contract.js';
import { ASSET_DRAG_TYPE } from '../components/asset-list.js';
import { AssetThumbnail } from '../components/asset-thumbnail.js';
import { EmptyState } from '../components/empty-state.js';
import { formatBytes } from '../format/bytes.js';
import { formatDateTime } from '../format/dates.js';
import { MOD } from '../state/shortcuts.js';
import { ExportButton } from './export/export-button.js';

interface ProjectPanelProps {
  project: ProjectSummary | null;
  hasProjects: boolean;
  assets: Asset[] | null;
  selectedAssetId: string | null;
  onSelectAsset(asset: Asset): void;
  onNewProject(): void;
}

export function ProjectPanel({ project, hasProjects, assets, selectedAssetId, onSelectAsset, onNewProject }: ProjectPanelProps) {
  if (!project) {
    return (
      <EmptyState
        icon={FolderPlus}
        title={hasProjects ? 'Open a project' : 'Create your first project'}
        actions={
          <button type="button" className="button button-primary" onClick={onNewProject}>
            Create a project
          </button>
        }
      >
        <p>
          {hasProjects
            ? 'Pick one in the sidebar, or start a new one.'
            : 'A project is a folder that keeps a story’s text, images, narration and sound together. You can copy it, back it up or put it under version control.'}
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      <div className="project-overview">
        <h3 className="project-overview-title">{project.title}</h3>
        <ExportButton project={project} />
        <p className="path" title={project.path}>
          {project.path}
        </p>
        <dl className="stat-grid">
          <div className="stat">
            <dt>Assets</dt>
            <dd>{project.assetCount}</dd>
          </div>
          <div className="stat">
            <dt>Scenes</dt>
            <dd>{project.sceneCount}</dd>
          </div>
          <div className="stat">
            <dt>Created</dt>
            <dd>{formatDateTime(project.createdAt)}</dd>
          </div>
          <div className="stat">
            <dt>Updated</dt>
            <dd>{formatDateTime(project.updatedAt)}</dd>
          </div>
        </dl>
      </div>
      <div className="panel-section">
        <h3 className="section-title">Assets</h3>
        {assets && assets.length > 0 ? (
          <ul className="asset-grid">
            {assets.map((asset) => (
              <li key={asset.id}>
                <button
                  type="button"
                  className="asset-card"
                  draggable
                  aria-current={asset.id === selectedAssetId ? 'true' : undefined}
                  onClick={() => onSelectAsset(asset)}
                  onDragStart={(event) => event.dataTransfer.setData(ASSET_DRAG_TYPE, asset.id)}
                >
                  <AssetThumbnail asset={asset} className="asset-card-thumb" iconSize={24} />
                  <span className="asset-card-name">{asset.name}</span>
                  <span className="asset-card-meta">{formatBytes(asset.size)}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            {assets ? `Nothing here yet. Import files with Import… in the sidebar (${MOD}+I).` : 'Loading assets…'}
          </p>
        )}
      </div>
    </>
  );
}
