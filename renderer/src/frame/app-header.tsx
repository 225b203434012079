import { Settings, WifiOff } from 'lucide-react';
import type { ProjectSummary } from '../../../preload/contract.js';
import { MOD } from '../state/shortcuts.js';
import { useConnection } from '../state/use-connection.js';
import { BrandMark } from '../components/brand-mark.js';
import { TabList, type TabId } from '../components/tabs.js';

interface AppHeaderProps {
  project: ProjectSummary | null;
  activeTab: TabId;
  onSelectTab(id: TabId): void;
  onOpenSettings(): void;
}

export function AppHeader({ project, activeTab, onSelectTab, onOpenSettings }: AppHeaderProps) {
  const connection = useConnection();
  return (
    <header className="app-header">
      <div className="brand">
        <BrandMark />
        <h1 className="brand-name">Atelier</h1>
      </div>
      <div className="header-project">
        <span className="header-divider" aria-hidden="true">
          /
        </span>
        {project ? (
          <span className="header-project-title" title={project.title}>
            <span className="visually-hidden">Open project: </span>
            {project.title}
          </span>
        ) : (
          <span className="header-project-none">No project open</span>
        )}
      </div>
      <TabList active={activeTab} onSelect={onSelectTab} />
      <div className="header-end">
        <div className="connection" role="status">
          {connection === 'reconnecting' ? (
            <span className="connection-pill">
              <WifiOff aria-hidden="true" size={13} />
              Reconnecting…
            </span>
          ) : null}
        </div>
        <button type="button" className="icon-button" aria-label="Settings" title={`Settings (${MOD}+,)`} onClick={onOpenSettings}>
          <Settings aria-hidden="true" size={17} strokeWidth={1.75} />
        </button>
      </div>
    </header>
  );
}
