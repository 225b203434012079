import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CALL_NAMES } from '../../preload/contract.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { bindIpc, EVENT_CHANNEL, isTrustedIpcSender, type IpcInvokeEvent, type IpcMainLike } from '../../main/hosts/electron/ipc-bridge.js';
import { secureWebPreferences } from '../../main/hosts/electron/secure-web-preferences.js';

/** Electron's ipcMain, reduced to a table of handlers a test can invoke. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, input: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEvent, input: unknown) => Promise<unknown>): void {
    assert.ok(!this.handlers.has(channel), `one handler per channel: ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcInvokeEvent, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    assert.ok(handler, channel);
    return handler(event, input);
  }
}

/** A top-level frame of our page and the web contents it belongs to. */
function studioFrame(url = 'app://renderer/index.html'): IpcInvokeEvent {
  const frame = { url, parent: null };
  return { senderFrame: frame, sender: { mainFrame: frame } };
}

function bridge() {
  const ipcMain = new FakeIpcMain();
  const calls: [string, unknown][] = [];
  const sent: unknown[][] = [];
  const events = new EventBus();
  const studio = {
    call: async (name: string, input: unknown) => {
      calls.push([name, input]);
      return { echoed: name };
    },
    events,
  };
  const unbind = bindIpc(studio, { ipcMain, windows: () => [{ webContents: { send: (...args: unknown[]) => void sent.push(args) } }] });
  return { ipcMain, calls, sent, events, unbind };
}

describe('IPC sender check', () => {
  test('the studio page in its main frame is trusted', () => {
    assert.equal(isTrustedIpcSender(studioFrame()), true);
    assert.equal(isTrustedIpcSender(studioFrame('app://renderer/#/projects')), true);
  });

  test('a foreign page, a subframe, a frame of another window or a destroyed frame is not', () => {
    assert.equal(isTrustedIpcSender(studioFrame('https://evil.example/')), false);
    assert.equal(isTrustedIpcSender(studioFrame('app://evil/index.html')), false);
    assert.equal(isTrustedIpcSender(studioFrame('file:///tmp/page.html')), false);
    assert.equal(isTrustedIpcSender(studioFrame('atelier-asset://asset/abc')), false);
    const top = { url: 'app://renderer/index.html', parent: null };
    // An iframe that is on our origin but not the top-level frame.
    const child = { url: 'app://renderer/index.html', parent: top };
    assert.equal(isTrustedIpcSender({ senderFrame: child, sender: { mainFrame: top } }), false);
    // A top-level-looking frame that is not the main frame of the contents that sent it.
    assert.equal(isTrustedIpcSender({ senderFrame: { url: 'app://renderer/', parent: null }, sender: { mainFrame: top } }), false);
    assert.equal(isTrustedIpcSender({ senderFrame: null, sender: { mainFrame: top } }), false);
    assert.equal(isTrustedIpcSender({}), false);
  });
});

describe('bindIpc', () => {
  test('a call from the studio window reaches the studio', async () => {
    const { ipcMain, calls } = bridge();
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), [...CALL_NAMES].sort());
    assert.deepEqual(await ipcMain.invoke('projects.list', studioFrame(), {}), { ok: true, result: { echoed: 'projects.list' } });
    assert.deepEqual(calls, [['projects.list', {}]]);
  });

  test('a call from a foreign frame or sender is refused with FORBIDDEN and never reaches the studio', async () => {
    const { ipcMain, calls } = bridge();
    const top = { url: 'app://renderer/index.html', parent: null };
    for (const event of [
      studioFrame('https://evil.example/'),
      { senderFrame: { url: 'app://renderer/index.html', parent: top }, sender: { mainFrame: top } },
      { senderFrame: null },
    ]) {
      const answer = (await ipcMain.invoke('settings.set', event, { theme: 'dark' })) as { ok: boolean; error: { code: string } };
      assert.equal(answer.ok, false);
      assert.equal(answer.error.code, 'FORBIDDEN');
    }
    assert.deepEqual(calls, []);
  });

  test('events go to every window; unbinding removes every handler and stops events', () => {
    const { ipcMain, sent, events, unbind } = bridge();
    events.emit('project.changed', { projectId: null });
    assert.deepEqual(sent, [[EVENT_CHANNEL, 'project.changed', { projectId: null }]]);
    unbind();
    assert.equal(ipcMain.handlers.size, 0);
    events.emit('project.changed', { projectId: null });
    assert.equal(sent.length, 1);
  });
});

describe('secureWebPreferences', () => {
  test('isolation, sandbox and no Node in any frame; devtools only in development', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', true);
    assert.deepEqual(
      {
        contextIsolation: prefs.contextIsolation,
        sandbox: prefs.sandbox,
        nodeIntegration: prefs.nodeIntegration,
        nodeIntegrationInWorker: prefs.nodeIntegrationInWorker,
        nodeIntegrationInSubFrames: prefs.nodeIntegrationInSubFrames,
        webSecurity: prefs.webSecurity,
        allowRunningInsecureContent: prefs.allowRunningInsecureContent,
        webviewTag: prefs.webviewTag,
        navigateOnDragDrop: prefs.navigateOnDragDrop,
        devTools: prefs.devTools,
        preload: prefs.preload,
      },
      {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        devTools: false,
        preload: '/app/preload.cjs',
      },
    );
    assert.equal(secureWebPreferences('/app/preload.cjs', false).devTools, true);
  });
});
