import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from '../../../preload/desktop-bridge.js';

interface MenuActions {
  /** Sends a command to the studio window, which does what its own shortcut does. */
  command(command: DesktopCommand): void;
  /** Shows the data folder (projects, models, logs) in the file manager. */
  showDataFolder(): void;
  /** Opens the user guide that ships with the app. */
  openGuide(): void;
  about(): void;
}

interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and the developer tools only in a development build. */
  development: boolean;
  actions: MenuActions;
}

/**
 * Items whose keys the studio page already handles itself (Ctrl+N, Ctrl+1…5…) show their
 * accelerator without registering it, so one key press does not act twice. macOS ignores
 * registerAccelerator: its menu takes key equivalents before the page sees them, so there too
 * a press acts once.
 */
function item(label: string, accelerator: string | undefined, click: () => void, pageHandlesKey = false): MenuItemConstructorOptions {
  return { label, click, ...(accelerator && { accelerator, registerAccelerator: !pageHandlesKey }) };
}

const TABS: readonly [DesktopCommand, string][] = [
  ['tab-write', 'Write'],
  ['tab-image', 'Image'],
  ['tab-voice', 'Voice'],
  ['tab-project', 'Project'],
  ['tab-models', 'Models'],
];

/** The application menu: File, Edit, View, Window and Help with the usual items and keys. */
export function appMenuTemplate({ platform, appName, development, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: DesktopCommand) => () => actions.command(command);
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            { label: `About ${appName}`, click: actions.about },
            { type: 'separator' },
            item('Settings…', 'CmdOrCtrl+,', send('settings'), true),
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('New Project…', 'CmdOrCtrl+N', send('new-project'), true),
      item('Import Files…', 'CmdOrCtrl+I', send('import-files'), true),
      item('Import Project Bundle…', undefined, send('import-bundle')),
      { type: 'separator' },
      item('Export…', 'CmdOrCtrl+E', send('export'), true),
      { type: 'separator' },
      item('Show Data Folder', undefined, actions.showDataFolder),
      ...(mac ? [] : [{ type: 'separator' } as const, item('Settings…', 'CmdOrCtrl+,', send('settings'), true), { type: 'separator' } as const]),
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...TABS.map(([command, label], index) => item(label, `CmdOrCtrl+${index + 1}`, send(command), true)),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      item('Keyboard Shortcuts', 'CmdOrCtrl+/', send('shortcuts')),
      item('User Guide', undefined, actions.openGuide),
      ...(mac ? [] : [{ type: 'separator' } as const, { label: `About ${appName}`, click: actions.about }]),
    ],
  };
  return [...appMenu, file, edit, view, window, help];
}
