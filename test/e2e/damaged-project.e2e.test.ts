import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ProjectSummary } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { ok } from '../support/api-calls.js';

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('a project with project.json and its backup both unreadable stays in the sidebar, greyed and marked damaged', { timeout: 90_000 }, async () => {
  await journey(browser, 'damaged-project', async (page, host) => {
    const harbour = await ok<ProjectSummary>(host, 'projects.create', { title: 'Harbour' });
    await ok(host, 'projects.rename', { id: harbour.id, title: 'Harbour Night' });
    const fine = await ok<ProjectSummary>(host, 'projects.create', { title: 'Lighthouse' });
    const harbourDir = path.join(host.home, 'projects', 'Harbour Night.atelier');
    await fs.writeFile(path.join(harbourDir, 'project.json'), '{ "id": ');
    await fs.writeFile(path.join(harbourDir, 'project.json.bak'), 'also broken');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });

    await page.goto(host.url);
    const sidebar = page.getByRole('navigation', { name: 'Projects and assets' });
    const damaged = sidebar.getByRole('listitem', { name: 'Harbour Night (damaged)' });
    await damaged.waitFor();
    await damaged.getByText('damaged', { exact: true }).waitFor();
    await damaged.getByText('Its project.json and the backup beside it cannot be read.', { exact: false }).waitFor();
    await damaged.getByText(harbourDir, { exact: true }).waitFor();
    // The open button is described by the explanation, so a screen reader hears why it is grey.
    const openButton = damaged.getByRole('button', { name: /^Harbour Night Cannot be read/ });
    assert.match((await openButton.getAttribute('aria-describedby')) ?? '', /.+/);
    // The browser cannot open a file manager: it offers the path to copy instead.
    assert.equal(await damaged.getByRole('button', { name: 'Show in folder' }).count(), 0);
    await damaged.getByRole('button', { name: 'Copy the folder path of Harbour Night' }).click();
    await damaged.getByText('Copied', { exact: true }).waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), harbourDir);
    // The other project is listed as usual.
    await sidebar.getByRole('button', { name: /^Lighthouse/ }).waitFor();
    assert.equal(await sidebar.getByRole('listitem', { name: 'Lighthouse (damaged)' }).count(), 0);

    // Opening it answers a typed error that says what to do, and the open project stays open.
    await openButton.click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not open “Harbour Night”' });
    await alert.getByText(/put a good copy of project\.json back into that folder/).waitFor();
    assert.equal((await ok<ProjectSummary>(host, 'projects.current')).id, fine.id);
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'damaged-project.png') });
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
  });
});
