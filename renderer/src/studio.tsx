import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { LazyTab } from './components/lazy-tab.js';
import { FIRST_ASSETS, type Asset, type Job, type ProjectSummary } from '../../preload/contract.js';
import { AppHeader } from './frame/app-header.js';
import { DeleteProjectDialog } from './frame/delete-project-dialog.js';
import { Inspector } from './frame/inspector.js';
import { JobTray } from './frame/job-tray.js';
import { ProjectTitleDialog } from './frame/project-title-dialog.js';
import { Sidebar } from './frame/sidebar.js';
import { SkipLinks } from './frame/skip-links.js';
import { TABS, type TabId } from './components/tabs.js';
import { ToastRegion } from './components/toast-region.js';
import { useClient } from './state/client-context.js';
import { useNotify } from './state/notifications.js';
import { useAppInfo } from './state/use-app-info.js';
import { useAssets } from './state/use-assets.js';
import { useJobs } from './state/use-jobs.js';
import { useProjects } from './state/use-projects.js';
import { useSettings } from './state/use-settings.js';
import { useShortcuts } from './state/use-shortcuts.js';
import { useDesktopCommands } from './state/use-desktop-commands.js';
import { requestExport } from './state/export-request.js';
import { discardPrefetched, prefetch } from './state/open-prefetch.js';
import { useFileDrop } from './frame/use-file-drop.js';
import { focusWhenRendered } from './state/use-panel-virtualizer.js';
import { useStoredTab, useVisitedTabs } from './state/use-stored-tab.js';
import { TabPanel } from './workspace/tab-panel.js';

// Code-split per tab: the shell paints first, and each tab's code is fetched (and the tab
// made) when it is first shown, so a large project's assets are not laid out by hidden tabs.
const WritePanel = lazy(() => import('./workspace/write/write-panel.js').then((module) => ({ default: module.WritePanel })));
const ImagePanel = lazy(() => import('./workspace/image/image-panel.js').then((module) => ({ default: module.ImagePanel })));
const VoicePanel = lazy(() => import('./workspace/voice/voice-panel.js').then((module) => ({ default: module.VoicePanel })));
const ProjectPanel = lazy(() => import('./workspace/project/project-panel.js').then((module) => ({ default: module.ProjectPanel })));
const ModelsPanel = lazy(() => import('./workspace/models/models-panel.js').then((module) => ({ default: module.ModelsPanel })));
const SettingsDialog = lazy(() => import('./frame/settings-dialog.js').then((module) => ({ default: module.SettingsDialog })));

/** A user-timing mark, also seen in DevTools' performance panel; bench/studio-scale.bench.ts reads it. */
const STUDIO_SHOWN = 'atelier:studio-shown';

type OpenDialog = { kind: 'new' } | { kind: 'rename'; project: ProjectSummary } | { kind: 'delete'; project: ProjectSummary } | { kind: 'settings' };

export function Studio() {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const projects = useProjects();
  const current = projects.current;
  // The assets' own revision: a storyboard edit changes updatedAt but not the assets, and reloads no list.
  const assets = useAssets(current?.id ?? null, current?.assetsRevision ?? current?.updatedAt ?? null);
  const appInfo = useAppInfo();
  const settings = useSettings();
  const [activeTab, setActiveTab] = useStoredTab();
  const visited = useVisitedTabs(activeTab);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [selectedAssetId, setSelectedAssetId] = useState<string | null>(null);
  // A text asset the Write tab should load (from the inspector's "Open in Write"); cleared once it has.
  const [writeRequest, setWriteRequest] = useState<{ assetId: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const { refresh: refreshProjects } = projects;
  const { refresh: refreshAssets } = assets;
  const refreshProjectAndAssets = useCallback(() => {
    void refreshProjects();
    void refreshAssets();
  }, [refreshProjects, refreshAssets]);

  const onJobFinished = useCallback(
    (job: Job) => {
      if (job.kind === 'asset.import' && job.state === 'done') refreshProjectAndAssets();
    },
    [refreshProjectAndAssets],
  );
  const jobs = useJobs(onJobFinished);

  useEffect(() => {
    const stops = [
      // The list of assets follows the project's assetsRevision (useAssets): a storyboard edit, which
      // leaves the assets as they were, does not fetch and lay out 2,000 of them again.
      api.events.on('project.changed', () => void refreshProjects()),
      // Anything may have changed while the event stream was down.
      client.onReconnect(refreshProjectAndAssets),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, client, refreshProjects, refreshProjectAndAssets]);

  // After the open project's views (children, whose effects run first) took what was asked for at open.
  const currentId = current?.id ?? null;
  useEffect(() => discardPrefetched(), [currentId]);

  // When the studio itself (not index.html's frame) was first on screen: the bench reads it.
  useEffect(() => void performance.mark(STUDIO_SHOWN), []);

  // The last line of defence behind "never a silent failure".
  useEffect(() => {
    const onRejection = (event: PromiseRejectionEvent) => {
      event.preventDefault();
      notify.error(event.reason);
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [notify]);

  const selectedAsset: Asset | null = assets.assets?.find((asset) => asset.id === selectedAssetId) ?? null;

  async function createProject(title: string) {
    const made = await api.projects.create({ title });
    setDialog(null);
    setSelectedAssetId(null);
    await projects.refresh();
    // The keyboard lands on what Create made (the dialog's opener may be gone with the empty state).
    focusWhenRendered(() => document.querySelector<HTMLElement>(`[data-project-id="${CSS.escape(made.id)}"]`));
  }

  async function renameProject(project: ProjectSummary, title: string) {
    await api.projects.rename({ id: project.id, title });
    setDialog(null);
    await projects.refresh();
  }

  async function deleteProject(project: ProjectSummary) {
    try {
      await api.projects.delete({ id: project.id });
      setDialog(null);
      notify.success(`Moved “${project.title}” to the trash`, 'It stays in Atelier’s data folder.');
      await projects.refresh();
    } catch (error) {
      notify.error(error, `move “${project.title}” to the trash`);
    }
  }

  async function openProject(project: ProjectSummary) {
    if (project.isOpen) return;
    try {
      const opened = await api.projects.open({ id: project.id });
      prefetch('assets', project.id, () => api.assets.list({ limit: FIRST_ASSETS }));
      prefetch('storyboard', project.id, () => api.storyboard.get({}));
      setSelectedAssetId(null);
      // Its scenes and its newest assets are asked for now (use-assets.ts fetches the rest once it is on screen).
      // The list of projects (which reads every other folder)
      // is asked once, by the project.changed the open sent, not a second time here.
      projects.showOpened(opened.project);
      if (opened.recoveredFromBackup) {
        notify.info(`Recovered “${project.title}” from its backup`, 'Its project file was unreadable, so the last good copy was loaded.');
      }
    } catch (error) {
      notify.error(error, `open “${project.title}”`);
    }
  }

  async function importFiles(files?: FileList | File[]) {
    setImporting(true);
    try {
      await client.importFiles(files);
    } catch (error) {
      notify.error(error, 'import the files');
    } finally {
      setImporting(false);
    }
  }

  function startImport() {
    if (importing) return;
    if (!current) {
      notify.info('Open a project first', 'Imported files are copied into the open project.');
      return;
    }
    if (client.host === 'web') fileInput.current?.click();
    else void importFiles();
  }

  useShortcuts({
    selectTab: (index) => {
      const tab = TABS[index];
      if (tab) setActiveTab(tab.id);
    },
    newProject: () => setDialog({ kind: 'new' }),
    importFiles: startImport,
    openSettings: () => setDialog({ kind: 'settings' }),
  });

  const selectTab = (id: TabId) => setActiveTab(id);

  async function importBundle() {
    try {
      const opened = await client.importBundle();
      if (opened) notify.success(`Imported “${opened.project.title}”`, `${opened.project.sceneCount} scenes, ${opened.project.assetCount} assets.`);
    } catch (error) {
      notify.error(error, 'import the bundle');
    }
  }

  useDesktopCommands({
    'new-project': () => setDialog({ kind: 'new' }),
    'import-files': startImport,
    'import-bundle': () => void importBundle(),
    export: () => {
      if (!current) {
        notify.info('Open a project first', 'Export makes files from the open project.');
        return;
      }
      setActiveTab('project');
      requestExport();
    },
    settings: () => setDialog({ kind: 'settings' }),
    shortcuts: () => setDialog({ kind: 'settings' }),
    'tab-write': () => setActiveTab('write'),
    'tab-image': () => setActiveTab('image'),
    'tab-voice': () => setActiveTab('voice'),
    'tab-project': () => setActiveTab('project'),
    'tab-models': () => setActiveTab('models'),
  });

  // Files dragged in from the file manager go into the open project, in the browser and on the desktop.
  const draggingFiles = useFileDrop((files) => void importFiles(files), current !== null && !importing);

  return (
    <div className="studio">
      <SkipLinks />
      <AppHeader project={current} activeTab={activeTab} onSelectTab={selectTab} onOpenSettings={() => setDialog({ kind: 'settings' })} />
      <Sidebar
        projects={projects}
        assets={assets}
        selectedAssetId={selectedAssetId}
        importing={importing}
        onNewProject={() => setDialog({ kind: 'new' })}
        onOpenProject={(project) => void openProject(project)}
        onRenameProject={(project) => setDialog({ kind: 'rename', project })}
        onDeleteProject={(project) => setDialog({ kind: 'delete', project })}
        onImport={startImport}
        onSelectAsset={(asset) => setSelectedAssetId(asset.id)}
      />
      <main className="workspace" id="main">
        <TabPanel id="write" active={activeTab} title="Write" subtitle="Drafts, scripts and lesson notes, written with a local language model.">
          <LazyTab shown={visited.has('write')}>
            <WritePanel
              loading={projects.projects === null && projects.loadError === null}
              project={current}
              assets={assets.assets}
              onOpenModels={() => setActiveTab('models')}
              onNewProject={() => setDialog({ kind: 'new' })}
              onAssetsChanged={refreshProjectAndAssets}
              openRequest={writeRequest}
              onOpenRequestDone={() => setWriteRequest(null)}
            />
          </LazyTab>
        </TabPanel>
        <TabPanel id="image" active={activeTab} title="Image" subtitle="Illustrations, title cards, patterns and edits.">
          <LazyTab shown={visited.has('image')}>
            <ImagePanel
              project={current}
              assets={assets.assets}
              selectedAssetId={selectedAssetId}
              onSelectAsset={(asset) => setSelectedAssetId(asset.id)}
              onNewProject={() => setDialog({ kind: 'new' })}
              onOpenModels={() => setActiveTab('models')}
              onAssetsChanged={refreshProjectAndAssets}
            />
          </LazyTab>
        </TabPanel>
        <TabPanel id="voice" active={activeTab} title="Voice" subtitle="Narration, character voices and sound effects.">
          <LazyTab shown={visited.has('voice')}>
            <VoicePanel
              appInfo={appInfo}
              project={current}
              assets={assets.assets}
              selectedAssetId={selectedAssetId}
              onSelectAsset={(asset) => setSelectedAssetId(asset.id)}
              onNewProject={() => setDialog({ kind: 'new' })}
              onOpenModels={() => setActiveTab('models')}
            />
          </LazyTab>
        </TabPanel>
        <TabPanel id="project" active={activeTab} title="Project" subtitle="Everything in the open project, ready to become a storyboard.">
          <LazyTab shown={visited.has('project')}>
            <ProjectPanel
              project={current}
              hasProjects={(projects.projects?.length ?? 0) > 0}
              assets={assets.assets}
              selectedAssetId={selectedAssetId}
              onSelectAsset={(asset) => setSelectedAssetId(asset.id)}
              onNewProject={() => setDialog({ kind: 'new' })}
              jobs={jobs}
              active={activeTab === 'project' && dialog === null}
              onOpenModels={() => setActiveTab('models')}
            />
          </LazyTab>
        </TabPanel>
        <TabPanel id="models" active={activeTab} title="Models" subtitle="Download, import and choose the models each studio runs on this computer.">
          <LazyTab shown={visited.has('models')}>
            <ModelsPanel appInfo={appInfo} jobs={jobs} />
          </LazyTab>
        </TabPanel>
      </main>
      <Inspector
        project={current}
        asset={selectedAsset}
        onOpenInWrite={(asset) => {
          setActiveTab('write');
          setWriteRequest({ assetId: asset.id });
        }}
      />
      <JobTray {...jobs} />
      <ToastRegion />
      {draggingFiles ? (
        <div className="file-drop-overlay" role="status">
          Drop to import into “{current?.title}”
        </div>
      ) : null}

      {client.host === 'web' && current ? (
        <input
          ref={fileInput}
          type="file"
          multiple
          aria-label="Import files"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // Cleared so picking the same file again still fires a change.
            event.target.value = '';
            if (files.length > 0) void importFiles(files);
          }}
        />
      ) : null}

      {dialog?.kind === 'new' ? (
        <ProjectTitleDialog heading="New project" submitLabel="Create" busyLabel="Creating…" onSubmit={createProject} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <ProjectTitleDialog
          heading="Rename project"
          submitLabel="Rename"
          busyLabel="Renaming…"
          initialTitle={dialog.project.title}
          onSubmit={(title) => renameProject(dialog.project, title)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteProjectDialog project={dialog.project} onConfirm={() => deleteProject(dialog.project)} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'settings' ? (
        <Suspense fallback={null}>
          <SettingsDialog
            theme={settings.theme}
            onThemeChange={(theme) => void settings.setTheme(theme)}
            settings={settings.settings}
            onSettingsChange={(patch) => void settings.update(patch)}
            info={appInfo.info}
            onClose={() => setDialog(null)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
