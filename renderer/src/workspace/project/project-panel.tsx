import { FolderPlus, Sparkles } from 'lucide-react';
import { useState } from 'react';
import type { Asset, ProjectSummary } from '../../../../preload/contract.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatDateTime } from '../../format/dates.js';
import { useNotify } from '../../state/notifications.js';
import type { JobsState } from '../../state/use-jobs.js';
import '../../styles/storyboard.css';
import { CastSection } from './cast/cast-section.js';
import { ExportButton } from './export/export-button.js';
import { ProjectAssets } from './project-assets.js';
import { FromPromptDialog } from './storyboard/from-prompt-dialog.js';
import { StoryboardView } from './storyboard/storyboard-view.js';

interface ProjectPanelProps {
  project: ProjectSummary | null;
  hasProjects: boolean;
  assets: Asset[] | null;
  selectedAssetId: string | null;
  onSelectAsset(asset: Asset): void;
  onNewProject(): void;
  jobs: JobsState;
  /** The Project tab is the one on screen. */
  active: boolean;
  onOpenModels(): void;
}

type ProjectView = 'scenes' | 'assets' | 'cast';

export function ProjectPanel(props: ProjectPanelProps) {
  const notify = useNotify();
  const [fromPrompt, setFromPrompt] = useState(false);
  const [startedRun, setStartedRun] = useState<string | null>(null);
  return (
    <>
      <ProjectContent {...props} onFromPrompt={() => setFromPrompt(true)} focusRunId={startedRun} />
      {fromPrompt ? (
        <FromPromptDialog
          onClose={() => setFromPrompt(false)}
          onOpenModels={() => {
            setFromPrompt(false);
            props.onOpenModels();
          }}
          onStarted={(jobId) => {
            setFromPrompt(false);
            setStartedRun(jobId);
            notify.info('Making the storyboard', 'A new project is open; its scenes fill in as the text model, the pictures and the narration finish.');
          }}
        />
      ) : null}
    </>
  );
}

function ProjectContent({
  project,
  hasProjects,
  assets,
  selectedAssetId,
  onSelectAsset,
  onNewProject,
  jobs,
  active,
  onOpenModels,
  onFromPrompt,
  focusRunId,
}: ProjectPanelProps & { onFromPrompt(): void; focusRunId: string | null }) {
  const [view, setView] = useState<ProjectView>('scenes');
  if (!project) {
    return (
      <EmptyState
        icon={FolderPlus}
        title={hasProjects ? 'Open a project' : 'Create your first project'}
        actions={
          <>
            <button type="button" className="button button-primary" onClick={onNewProject}>
              Create a project
            </button>
            <button type="button" className="button" onClick={onFromPrompt}>
              <Sparkles aria-hidden="true" size={15} />
              From a prompt…
            </button>
          </>
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
        {/* The inspector lists the folder and dates beside this tab; only a window too narrow for it shows them here. */}
        <p className="project-overview-facts">
          <span className="path" title={project.path}>
            {project.path}
          </span>
          <span>Updated {formatDateTime(project.updatedAt)}</span>
        </p>
      </div>
      <div className="segmented project-view-switch" role="radiogroup" aria-label="Show">
        {(['scenes', 'assets', 'cast'] as const).map((value) => (
          <label key={value} className="segment">
            <input type="radio" name="project-view" value={value} checked={view === value} onChange={() => setView(value)} />
            {value === 'scenes' ? `Scenes (${project.sceneCount})` : value === 'assets' ? `Assets (${project.assetCount})` : 'Cast'}
          </label>
        ))}
      </div>
      {view === 'scenes' ? (
        <StoryboardView
          key={project.id}
          title={project.title}
          projectId={project.id}
          assets={assets}
          jobs={jobs}
          active={active}
          onFromPrompt={onFromPrompt}
          onOpenModels={onOpenModels}
          focusRunId={focusRunId}
        />
      ) : view === 'cast' ? (
        <CastSection key={project.id} projectId={project.id} />
      ) : (
        <ProjectAssets assets={assets} selectedAssetId={selectedAssetId} onSelectAsset={onSelectAsset} />
      )}
    </>
  );
}
