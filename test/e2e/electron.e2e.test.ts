import { createRequire } from 'node:module';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

const require = createRequire(import.meta.url);

/** The binary's path, or why there is none (the package throws when its download never happened). */
function electronBinary(): { path: string } | { skip: string } {
  try {
    const binary = require('electron') as unknown as string;
    return fs.existsSync(binary) ? { path: binary } : { skip: `Electron's binary is missing at ${binary}` };
  } catch {
    return {
      skip: "Electron's binary is not installed on this machine (its download is blocked here); the same journey runs in Chromium through the web host",
    };
  }
}

const found = electronBinary();

test('desktop: create a project, see it in the sidebar, reload, still there', { skip: 'skip' in found ? found.skip : false }, async () => {
  if (!('path' in found)) return;
  const home = await tempHome('atelier-electron-');
  const app = await electron.launch({
    executablePath: found.path,
    args: [REPO_ROOT, '--no-sandbox'],
    env: { ...process.env, ATELIER_HOME: home },
  });
  try {
    const window = await app.firstWindow();
    assert.equal(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require), 'undefined', 'no Node in the page');
    await window
      .getByRole('button', { name: /new project/i })
      .first()
      .click();
    await window.getByLabel('Project title').fill('Harbour Night');
    await window.getByRole('button', { name: /^create/i }).click();
    const sidebar = window.getByRole('navigation', { name: /projects/i });
    await sidebar.getByText('Harbour Night').first().waitFor();
    await window.reload();
    await sidebar.getByText('Harbour Night').first().waitFor();
  } finally {
    await app.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
