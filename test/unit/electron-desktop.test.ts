import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { DESKTOP_COMMANDS, DROPPED_FILES_CHANNEL, MAX_DROPPED_FILES, type DesktopCommand } from '../../preload/desktop-bridge.js';
import { AtelierError } from '../../preload/errors.js';
import { randomUUID } from 'node:crypto';
import { saveProject } from '../../main/core/projects/project-folder.js';
import { newProjectFile } from '../../main/core/projects/project-file.js';
import { appMenuTemplate } from '../../main/hosts/electron/app-menu.js';
import { bindFileDrop, refsForDroppedPaths } from '../../main/hosts/electron/file-drop.js';
import type { IpcInvokeEvent } from '../../main/hosts/electron/ipc-bridge.js';
import { followRecentProjects, onSecondLaunch, projectInArgs } from '../../main/hosts/electron/recent-projects.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string;
before(async () => {
  root = await makeTemp('atelier-desktop-');
});
after(async () => {
  await removeTemp(root);
});

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function menu(platform: NodeJS.Platform, development = false) {
  const sent: DesktopCommand[] = [];
  const called: string[] = [];
  const template = appMenuTemplate({
    platform,
    appName: 'Atelier',
    development,
    actions: {
      command: (command) => sent.push(command),
      showDataFolder: () => called.push('data'),
      openGuide: () => called.push('guide'),
      about: () => called.push('about'),
    },
  });
  return { template, items: flatten(template), sent, called };
}

function click(item: MenuItemConstructorOptions | undefined): void {
  assert.ok(item?.click, `${item?.label} can be clicked`);
  (item.click as () => void)();
}

describe('application menu', () => {
  test('File, Edit, View, Window and Help on Windows and Linux; the app menu first on macOS', () => {
    assert.deepEqual(
      menu('linux').template.map((m) => m.label ?? m.role),
      ['&File', '&Edit', '&View', '&Window', '&Help'],
    );
    assert.deepEqual(
      menu('darwin').template.map((m) => m.label ?? m.role),
      ['Atelier', '&File', '&Edit', '&View', '&Window', '&Help'],
    );
  });

  test('every command the window understands is reachable, with the keys the page uses', () => {
    const { items, sent } = menu('win32');
    const byLabel = (label: string) => items.find((i) => i.label === label);
    const expected: [string, string | undefined, DesktopCommand][] = [
      ['New Project…', 'CmdOrCtrl+N', 'new-project'],
      ['Import Files…', 'CmdOrCtrl+I', 'import-files'],
      ['Import Project Bundle…', undefined, 'import-bundle'],
      ['Export…', 'CmdOrCtrl+E', 'export'],
      ['Settings…', 'CmdOrCtrl+,', 'settings'],
      ['Keyboard Shortcuts', 'CmdOrCtrl+/', 'shortcuts'],
      ['Write', 'CmdOrCtrl+1', 'tab-write'],
      ['Image', 'CmdOrCtrl+2', 'tab-image'],
      ['Voice', 'CmdOrCtrl+3', 'tab-voice'],
      ['Project', 'CmdOrCtrl+4', 'tab-project'],
      ['Models', 'CmdOrCtrl+5', 'tab-models'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel(label);
      assert.equal(item?.accelerator, accelerator, label);
      click(item);
      assert.equal(sent.at(-1), command, label);
    }
    assert.deepEqual([...new Set(sent)].sort(), [...DESKTOP_COMMANDS].sort(), 'no command is left without a menu item');
  });

  test('keys the page handles itself are shown but not registered, so one press acts once', () => {
    const { items } = menu('linux');
    const registered = items.filter((i) => i.accelerator && i.registerAccelerator !== false).map((i) => i.label);
    assert.deepEqual(registered, ['Keyboard Shortcuts']);
  });

  test('edit roles, zoom and full screen are there; reload and developer tools only in development', () => {
    const roles = (dev: boolean) =>
      menu('linux', dev)
        .items.map((i) => i.role)
        .filter(Boolean);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'quit'])
      assert.ok(roles(false).includes(role as never), role);
    assert.ok(!roles(false).includes('toggleDevTools') && !roles(false).includes('reload'));
    assert.ok(roles(true).includes('toggleDevTools') && roles(true).includes('reload'));
  });

  test('data folder, guide and about call the host', () => {
    const { items, called } = menu('linux');
    click(items.find((i) => i.label === 'Show Data Folder'));
    click(items.find((i) => i.label === 'User Guide'));
    click(items.find((i) => i.label === 'About Atelier'));
    assert.deepEqual(called, ['data', 'guide', 'about']);
  });
});

describe('files dropped from the operating system', () => {
  const registered: { path: string; name: string; size: number; owned: boolean }[] = [];
  const register = (file: (typeof registered)[number]) => {
    registered.push(file);
    return { ref: `ref-${registered.length}`, name: file.name, size: file.size };
  };

  test('regular files get refs (never owned: they are the creator’s); the paths stay in main', async () => {
    const a = path.join(root, 'harbour.png');
    const b = path.join(root, 'Straße ü.wav');
    await fs.writeFile(a, 'png');
    await fs.writeFile(b, 'wave!');
    const refs = await refsForDroppedPaths([a, b], register);
    assert.deepEqual(refs, [
      { ref: 'ref-1', name: 'harbour.png', size: 3 },
      { ref: 'ref-2', name: 'Straße ü.wav', size: 5 },
    ]);
    assert.ok(registered.every((f) => !f.owned));
  });

  test('folders, missing files, relative paths, NUL bytes, non-strings and too many files are refused by type', async () => {
    const refuse = async (input: unknown, code: string) => {
      await assert.rejects(refsForDroppedPaths(input, register), (error: unknown) => error instanceof AtelierError && error.code === code);
    };
    await refuse([root], 'UNSUPPORTED');
    await refuse([path.join(root, 'gone.png')], 'NOT_FOUND');
    await refuse(['relative/file.png'], 'INVALID_INPUT');
    await refuse([`${root}/a\0b`], 'INVALID_INPUT');
    await refuse([42], 'INVALID_INPUT');
    await refuse('not a list', 'INVALID_INPUT');
    await refuse(
      Array.from({ length: MAX_DROPPED_FILES + 1 }, () => path.join(root, 'harbour.png')),
      'INVALID_INPUT',
    );
    await refuse(['/dev/null'], 'UNSUPPORTED');
  });

  test('the IPC handler answers only the studio window', async () => {
    const handlers = new Map<string, (event: IpcInvokeEvent, input: unknown) => Promise<unknown>>();
    const unbind = bindFileDrop(
      { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
      register,
    );
    const handler = handlers.get(DROPPED_FILES_CHANNEL);
    assert.ok(handler);
    const frame = { url: 'app://renderer/index.html', parent: null };
    const ok = (await handler({ senderFrame: frame, sender: { mainFrame: frame } }, [path.join(root, 'harbour.png')])) as { ok: boolean };
    assert.equal(ok.ok, true);
    const stranger = { url: 'https://example.com/', parent: null };
    const refused = (await handler({ senderFrame: stranger, sender: { mainFrame: stranger } }, [path.join(root, 'harbour.png')])) as {
      ok: boolean;
      error: { code: string };
    };
    assert.deepEqual([refused.ok, refused.error.code], [false, 'FORBIDDEN']);
    unbind();
    assert.equal(handlers.size, 0);
  });
});

describe('recent projects and a second launch', () => {
  test('a launch naming a project folder or its project.json opens it; other arguments are passed over', async () => {
    const projects = path.join(root, 'projects');
    await fs.mkdir(projects, { recursive: true });
    const created = { dir: path.join(projects, 'Harbour Tales.atelier'), data: newProjectFile(randomUUID(), 'Harbour Tales') };
    await fs.mkdir(created.dir);
    await saveProject(created.dir, created.data);
    assert.deepEqual(await projectInArgs(['--inspect', created.dir], '/'), { id: created.data.id, dir: created.dir });
    assert.deepEqual(await projectInArgs([path.join(created.dir, 'project.json')], '/'), { id: created.data.id, dir: created.dir });
    assert.deepEqual(await projectInArgs([path.basename(created.dir)], projects), { id: created.data.id, dir: created.dir });
    assert.equal(await projectInArgs([root, path.join(root, 'nothing-here')], '/'), undefined);

    const window = { minimized: true, calls: [] as string[] };
    const opened: string[] = [];
    await onSecondLaunch([created.dir], '/', {
      window: () => ({
        isMinimized: () => window.minimized,
        restore: () => window.calls.push('restore'),
        show: () => window.calls.push('show'),
        focus: () => window.calls.push('focus'),
      }),
      openProject: async (id) => opened.push(id),
    });
    assert.deepEqual(window.calls, ['restore', 'show', 'focus']);
    assert.deepEqual(opened, [created.data.id]);
  });

  test('each opened project joins the OS recent documents once, by folder', () => {
    let listener: ((name: string, payload: unknown) => void) | undefined;
    const added: string[] = [];
    let open: string | undefined = '/projects/a';
    const stop = followRecentProjects(
      (l) => {
        listener = l;
        return () => (listener = undefined);
      },
      { openFolder: () => open, addRecentDocument: (dir) => added.push(dir) },
    );
    listener?.('project.changed', { projectId: 'a' });
    listener?.('project.changed', { projectId: 'a' });
    listener?.('job.done', {});
    open = '/projects/b';
    listener?.('project.changed', { projectId: 'b' });
    listener?.('project.changed', { projectId: null });
    assert.deepEqual(added, ['/projects/a', '/projects/b']);
    stop();
    assert.equal(listener, undefined);
  });
});
