import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  guardWebContents,
  installNavigationGuard,
  type GuardedContents,
  type PermissionSession,
  type PreventableEvent,
} from '../../main/hosts/electron/navigation-guard.js';

/** A stand-in for Electron's WebContents that records what the guard installs, and lets a test fire events at it. */
class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, ((event: PreventableEvent, url?: string) => void)[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  requestHandler: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
  checkHandler: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
  readonly session: PermissionSession = {
    setPermissionRequestHandler: (handler) => (this.requestHandler = handler),
    setPermissionCheckHandler: (handler) => (this.checkHandler = handler),
  };

  on(event: string, listener: (event: PreventableEvent, url?: string) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** Fires an event the way Electron does; true when some listener prevented it. */
  fire(name: string, url: string, passUrlSecond = false): boolean {
    let prevented = false;
    const event: PreventableEvent = { preventDefault: () => (prevented = true), ...(passUrlSecond ? {} : { url }) };
    const listeners = this.listeners.get(name) ?? [];
    assert.ok(listeners.length > 0, `a listener for ${name}`);
    for (const listener of listeners) listener(event, passUrlSecond ? url : undefined);
    return prevented;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  const notes: string[] = [];
  guardWebContents(contents, { openExternal: (url) => void opened.push(url), note: (m) => void notes.push(m) });
  return { contents, opened, notes };
}

describe('navigation guard', () => {
  test('a navigation to an outside URL is prevented (and to our own page too: the studio never navigates)', () => {
    const { contents, notes } = guarded();
    assert.equal(contents.fire('will-navigate', 'https://evil.example/phish'), true);
    assert.equal(contents.fire('will-navigate', 'file:///etc/passwd', true), true);
    assert.equal(contents.fire('will-navigate', 'app://renderer/index.html'), true);
    assert.ok(notes.some((n) => n.includes('https://evil.example/phish')));
    assert.ok(
      notes.some((n) => n.includes('file:///etc/passwd')),
      'the URL passed second (older Electron) is noted too',
    );
  });

  test('a redirect is prevented', () => {
    const { contents } = guarded();
    assert.equal(contents.fire('will-redirect', 'https://evil.example/landing'), true);
  });

  test('a frame navigation is prevented', () => {
    const { contents } = guarded();
    assert.equal(contents.fire('will-frame-navigate', 'https://ads.example/frame'), true);
  });

  test('attaching a webview is prevented', () => {
    const { contents } = guarded();
    assert.equal(contents.fire('will-attach-webview', 'https://evil.example/'), true);
  });

  test('a new window is always denied; openExternal runs only for https and mailto', async () => {
    const { contents, opened } = guarded();
    const open = contents.openHandler;
    assert.ok(open);
    const allowed = ['https://example.com/docs?q=1', 'mailto:someone@example.com', 'mailto:someone@example.com?subject=Harbour'];
    const refused = [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'http://example.com/',
      'app://renderer/index.html',
      'atelier-asset://asset/abc',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'smb://server/share',
      'https://user:pass@example.com/',
      'mailto:javascript:alert(1)',
      'mailto:someone@example.com/../x',
      'mailto:a b@example.com',
      'mailto:',
      'not a url',
    ];
    for (const url of [...allowed, ...refused]) assert.deepEqual(open({ url }), { action: 'deny' }, url);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(opened, allowed);
  });

  test('a rejecting openExternal does not throw out of the handler', async () => {
    const contents = new FakeContents();
    guardWebContents(contents, { openExternal: () => Promise.reject(new Error('no browser')) });
    assert.deepEqual(contents.openHandler?.({ url: 'https://example.com/' }), { action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
  });

  test('the guard installs the permission handlers: a request or check with no details (no microphone named) is denied', () => {
    const { contents } = guarded();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      let answer: boolean | undefined;
      contents.requestHandler?.(contents, permission, (granted) => (answer = granted));
      assert.equal(answer, false, permission);
      assert.equal(contents.checkHandler?.(contents, permission), false, permission);
    }
  });

  test('installNavigationGuard guards every web contents the app creates', () => {
    let created: ((event: unknown, contents: GuardedContents) => void) | undefined;
    const app = { on: (_event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void) => (created = listener) };
    installNavigationGuard(app, { openExternal: () => undefined });
    const first = new FakeContents();
    const second = new FakeContents();
    created?.({}, first);
    created?.({}, second);
    for (const contents of [first, second]) {
      assert.equal(contents.fire('will-navigate', 'https://evil.example/'), true);
      assert.ok(contents.openHandler && contents.requestHandler && contents.checkHandler);
    }
  });
});
