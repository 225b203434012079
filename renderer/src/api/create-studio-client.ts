import { createElectronClient } from './electron-transport.js';
import type { StudioClient } from './studio-client.js';
import { initWebToken } from './web-token.js';
import { createWebClient } from './web-transport.js';

type ClientStart = { ok: true; client: StudioClient } | { ok: false; reason: 'missing-token' };

/** Electron when the preload put `window.atelier` there, the web host otherwise. */
export function createStudioClient(): ClientStart {
  if (window.atelier) return { ok: true, client: createElectronClient(window.atelier) };
  const token = initWebToken();
  if (!token) return { ok: false, reason: 'missing-token' };
  return { ok: true, client: createWebClient(token) };
}
