import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, shell } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createStudio, type HostCapabilities, type Studio } from '../../app/studio.js';
import { bindIpc } from './ipc-bridge.js';
import { installNavigationGuard } from './navigation-guard.js';
import { resolveAssetFile } from '../../core/assets/asset-files.js';
import { appProtocolHandler, assetProtocolHandler, handleProtocols, registerSchemes } from './protocols.js';
import { secureWebPreferences } from './secure-web-preferences.js';
import { RENDERER_ORIGIN } from './trusted-urls.js';
import { DesktopApiServer } from '../web/openai/desktop-api-server.js';
import { MENU_COMMAND_CHANNEL, type DesktopCommand } from '../../../preload/desktop-bridge.js';
import { appMenuTemplate } from './app-menu.js';
import { bindFileDrop } from './file-drop.js';
import { bindRecordingChannel } from './recording-channel.js';
import { installQuitGuard, quitAnswerFor, quitQuestion, whenJobsSettle } from './quit-guard.js';
import { followRecentProjects, onSecondLaunch, projectInArgs } from './recent-projects.js';
import { exportFileChooser } from './save-dialog.js';
import { placeWindow, readWindowState, trackWindowState } from './window-state.js';

// Bundled to dist/electron/main.cjs; the renderer build sits beside it in dist/renderer.
const distDir = path.resolve(__dirname, '..');
const rendererDir = path.join(distDir, 'renderer');
const preload = path.join(__dirname, 'preload.cjs');

const FILTERS: Record<'any' | 'image' | 'audio' | 'text', Electron.FileFilter[]> = {
  any: [],
  image: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif'] }],
  audio: [{ name: 'Audio', extensions: ['wav', 'mp3', 'ogg', 'flac'] }],
  text: [{ name: 'Text', extensions: ['md', 'txt'] }],
};

const capabilities: HostCapabilities = {
  pickFiles: async (kind) => {
    const window = BrowserWindow.getFocusedWindow();
    const options: Electron.OpenDialogOptions = { properties: ['openFile', 'multiSelections'], filters: FILTERS[kind] };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (picked.canceled) return [];
    return Promise.all(picked.filePaths.map(async (file) => ({ path: file, name: path.basename(file), size: (await fs.stat(file)).size })));
  },
  showItemInFolder: (folder) => shell.showItemInFolder(folder),
  chooseSaveFile: exportFileChooser(dialog, () => BrowserWindow.getFocusedWindow()),
};

async function createWindow(stateFile: string): Promise<BrowserWindow> {
  const place = placeWindow(
    await readWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...place.bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'Atelier',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16171c' : '#f7f7f8',
    webPreferences: secureWebPreferences(preload, app.isPackaged),
  });
  if (place.maximized) window.maximize();
  trackWindowState(window, stateFile);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${RENDERER_ORIGIN}/index.html`);
  return window;
}

async function main(): Promise<void> {
  registerSchemes(protocol);
  // The guards get Electron's pieces passed in, so the same code is what the unit tests drive.
  installNavigationGuard(app, { openExternal: (url) => shell.openExternal(url) });
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const studio: Studio = await createStudio({ host: 'electron', capabilities, resumeWork: true });
  handleProtocols(protocol, {
    app: appProtocolHandler(rendererDir),
    asset: assetProtocolHandler((assetId, variant) => resolveAssetFile(studio.projects, assetId, variant)),
  });
  const unbind = bindIpc(studio, { ipcMain, windows: () => BrowserWindow.getAllWindows() });
  const api = new DesktopApiServer(studio, studio.paths.home);
  // A refused key is logged by the server and leaves it off; the app runs on.
  void api.apply(studio.settings.get().apiServer).catch(() => undefined);
  const unfollow = studio.settings.onChange((settings) => void api.apply(settings.apiServer).catch(() => undefined));
  const stateFile = path.join(studio.paths.home, 'window-state.json');
  const firstWindow = () => BrowserWindow.getAllWindows()[0];
  const sendCommand = (command: DesktopCommand) => firstWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        development: !app.isPackaged,
        actions: {
          command: sendCommand,
          showDataFolder: () => void shell.openPath(studio.paths.home),
          openGuide: () => void shell.openPath(path.join(app.getAppPath(), 'README.md')),
          about: () => app.showAboutPanel(),
        },
      }),
    ),
  );
  const unbindDrop = bindFileDrop(ipcMain, (file) => studio.fileRefs.register(file));
  const unbindRecording = bindRecordingChannel(ipcMain, studio.paths.incomingDir, studio.fileRefs);
  const unfollowRecent = followRecentProjects((listener) => studio.events.subscribe(listener), {
    openFolder: () => (studio.projects.current() ? studio.projects.requireOpen().dir : undefined),
    addRecentDocument: (dir) => app.addRecentDocument(dir),
  });
  const openProject = (id: string) => studio.call('projects.open', { id });
  const launched = await projectInArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());
  if (launched) await openProject(launched.id).catch((error: unknown) => studio.log.warn('electron', `could not open ${launched.dir}: ${String(error)}`));
  await createWindow(stateFile);

  app.on('second-instance', (_event, argv, cwd) => {
    void onSecondLaunch(argv.slice(1), cwd, { window: firstWindow, openProject, onError: (error) => studio.log.warn('electron', String(error)) });
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(stateFile);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  const openJobs = () => studio.jobs.list().filter((job) => job.state === 'queued' || job.state === 'running');
  installQuitGuard(app, {
    openJobs,
    ask: async (jobs) => {
      const question = quitQuestion(jobs);
      const parent = firstWindow();
      const options = { type: 'warning' as const, ...question, defaultId: 2, cancelId: 2, noLink: true };
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      const answer = quitAnswerFor(response);
      if (answer !== 'keep-working') return answer;
      // Staying after the last window closed: bring one back to watch the jobs in.
      if (BrowserWindow.getAllWindows().length === 0) await createWindow(stateFile);
      return 'keep-working';
    },
    cancelAll: () => {
      for (const job of studio.jobs.list()) if (job.state === 'queued' || job.state === 'running') studio.jobs.cancel(job.id);
    },
    whenIdle: () => whenJobsSettle(openJobs, (listener) => studio.events.subscribe((name) => listener(name))),
    dispose: async () => {
      unbind();
      unbindDrop();
      unbindRecording();
      unfollow();
      unfollowRecent();
      await api.stop();
      await studio.dispose();
    },
    onError: (error) => studio.log.warn('electron', `quitting: ${String(error)}`),
  });
}

main().catch((error: unknown) => {
  dialog.showErrorBox('Atelier could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
