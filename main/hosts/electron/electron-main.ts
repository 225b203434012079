import { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, shell } from 'electron';
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
};

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Atelier',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16171c' : '#f7f7f8',
    webPreferences: secureWebPreferences(preload, app.isPackaged),
  });
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
  createWindow();

  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    unbind();
    unfollow();
    void api
      .stop()
      .then(() => studio.dispose())
      .finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  dialog.showErrorBox('Atelier could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
