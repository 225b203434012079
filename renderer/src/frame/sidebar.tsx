import { LoaderCircle, Plus, Upload } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { Asset, ProjectSummary } from '../../../preload/contract.js';
import { MOD } from '../state/shortcuts.js';
import type { AssetsState } from '../state/use-assets.js';
import type { ProjectsState } from '../state/use-projects.js';
import { ListSearch } from '../components/list-search.js';
import { filterAssets } from '../state/asset-filter.js';
import { AssetList } from './asset-list.js';
import { ProjectList } from './project-list.js';
import { ImportBundleButton } from '../workspace/project/export/import-bundle-button.js';

interface SidebarProps {
  projects: ProjectsState;
  assets: AssetsState;
  selectedAssetId: string | null;
  importing: boolean;
  onNewProject(): void;
  onOpenProject(project: ProjectSummary): void;
  onRenameProject(project: ProjectSummary): void;
  onDeleteProject(project: ProjectSummary): void;
  onImport(): void;
  onSelectAsset(asset: Asset): void;
}

export function Sidebar(props: SidebarProps) {
  const { projects, assets, importing } = props;
  const current = projects.current;

  return (
    <nav className="sidebar" aria-label="Projects and assets">
      <section className="sidebar-section" aria-labelledby="sidebar-projects">
        <div className="sidebar-heading">
          <h2 id="sidebar-projects">Projects</h2>
          <div className="sidebar-heading-actions">
            <ImportBundleButton />
            <button
              type="button"
              className="icon-button icon-button-small"
              aria-label="New project"
              title={`New project (${MOD}+N)`}
              onClick={props.onNewProject}
            >
              <Plus aria-hidden="true" size={16} />
            </button>
          </div>
        </div>
        <ProjectList
          projects={projects.projects}
          loadError={projects.loadError}
          onOpen={props.onOpenProject}
          onRename={props.onRenameProject}
          onDelete={props.onDeleteProject}
          onRetry={() => void projects.refresh()}
        />
      </section>

      <section className="sidebar-section sidebar-assets" aria-labelledby="sidebar-assets">
        <div className="sidebar-heading">
          <h2 id="sidebar-assets">
            Assets
            {assets.assets && assets.assets.length > 0 ? <span className="count">{assets.assets.length}</span> : null}
          </h2>
          {current ? (
            <button
              type="button"
              className="button button-small"
              title={`Import files (${MOD}+I)`}
              aria-disabled={importing || undefined}
              onClick={props.onImport}
            >
              {importing ? <LoaderCircle aria-hidden="true" size={14} className="spin" /> : <Upload aria-hidden="true" size={14} />}
              {importing ? 'Uploading…' : 'Import…'}
            </button>
          ) : null}
        </div>
        <AssetsBody {...props} />
      </section>
    </nav>
  );
}

function AssetsBody({ projects, assets, selectedAssetId, onSelectAsset }: SidebarProps) {
  if (!projects.current) {
    return <p className="sidebar-empty">Open or create a project to see its assets here.</p>;
  }
  if (!assets.assets) {
    return assets.loadError ? (
      <div className="sidebar-empty">
        <p>Assets could not be loaded.</p>
        <button type="button" className="button button-small" onClick={() => void assets.refresh()}>
          Try again
        </button>
      </div>
    ) : (
      <p className="sidebar-empty">Loading assets…</p>
    );
  }
  if (assets.assets.length === 0) {
    return <p className="sidebar-empty">No assets yet. Import images, audio or text with Import… ({MOD}+I); what you generate lands here too.</p>;
  }
  return <SearchableAssets assets={assets.assets} selectedId={selectedAssetId} onSelect={onSelectAsset} />;
}

function SearchableAssets({ assets, selectedId, onSelect }: { assets: Asset[]; selectedId: string | null; onSelect(asset: Asset): void }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterAssets(assets, query), [assets, query]);
  return (
    <>
      <ListSearch
        label="Search assets"
        placeholder="Name, kind, model or prompt"
        query={query}
        shown={shown.length}
        total={assets.length}
        onChange={setQuery}
      />
      {shown.length === 0 ? (
        <p className="sidebar-empty">No asset matches “{query.trim()}”.</p>
      ) : (
        <AssetList assets={shown} selectedId={selectedId} onSelect={onSelect} />
      )}
    </>
  );
}
