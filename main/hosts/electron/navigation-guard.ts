import { installPermissionHandlers, type PermissionSession } from './media-permission.js';
import { isAllowedExternalUrl } from './trusted-urls.js';

/**
 * The window's guards, written against the few Electron shapes they touch so that unit
 * tests drive them with plain objects (electron-main.ts passes the real `app`, `shell`).
 * Nothing ever navigates: the studio is one page loaded once, and links leave it only
 * through `openExternal` after a parsed-URL check.
 */

/** An Electron event: the guards only ever cancel it. */
export interface PreventableEvent {
  preventDefault(): void;
  /** Electron ≥ 25 puts the target URL on the event (older ones pass it second). */
  url?: string;
}

type NavigationListener = (event: PreventableEvent, url?: string) => void;

export type { PermissionSession } from './media-permission.js';

/** The part of Electron's WebContents the guard installs itself on. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: NavigationListener): unknown;
  on(event: 'will-redirect', listener: NavigationListener): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: PermissionSession;
}

interface GuardDeps {
  /** Electron's shell.openExternal: the system browser or mail program. */
  openExternal(url: string): Promise<void> | void;
  /** Where refusals are noted (the studio log); optional in tests. */
  note?(message: string): void;
}

/** Installs every guard on one web contents. */
export function guardWebContents(contents: GuardedContents, deps: GuardDeps): void {
  const refuse = (what: string) => (event: PreventableEvent, url?: string) => {
    event.preventDefault();
    deps.note?.(`refused ${what} to ${event.url ?? url ?? '(unknown)'}`);
  };
  contents.on('will-navigate', refuse('a navigation'));
  contents.on('will-redirect', refuse('a redirect'));
  // Subframes too: the studio has none, so any frame navigating is something injected.
  contents.on('will-frame-navigate', refuse('a frame navigation'));
  contents.on('will-attach-webview', refuse('a webview'));
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void Promise.resolve(deps.openExternal(url)).catch(() => undefined);
    else deps.note?.(`refused to open ${url}`);
    return { action: 'deny' };
  });
  // The microphone for Record, nothing else: no camera, notifications, clipboard reads, geolocation…
  installPermissionHandlers(contents.session, deps.note);
}

/** The part of Electron's `app` that announces new web contents. */
interface ContentsSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/** One guard for every web contents the app ever creates (windows, devtools, anything). */
export function installNavigationGuard(app: ContentsSource, deps: GuardDeps): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps));
}
