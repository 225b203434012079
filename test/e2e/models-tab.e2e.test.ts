import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { writeTestCatalog, type TestCatalog } from '../support/model-catalog.js';
import { ModelServer } from '../support/model-server.js';
import { tempHome, type RunningWebHost } from '../support/web-host.js';

let browser: Browser;
let server: ModelServer;
let catalog: TestCatalog;
let root: string;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  server = await ModelServer.start();
  root = await tempHome('atelier-models-tab-');
  catalog = await writeTestCatalog(server, path.join(root, 'catalog.json'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** A web host on its own data folder whose catalog is the loopback test catalog, opened on the Models tab. */
function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>): Promise<void> {
  return runJourney(
    browser,
    `models-${name}`,
    async (page, host) => {
      await page.goto(host.url);
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Models', exact: true }).click();
      await page.getByRole('tabpanel', { name: 'Models', exact: true }).waitFor();
      await run(page, host);
    },
    { env: { ATELIER_CATALOG: catalog.file } },
  );
}

function panel(page: Page): Locator {
  return page.getByRole('tabpanel', { name: 'Models', exact: true });
}

function card(page: Page, name: string): Locator {
  return panel(page)
    .getByRole('list', { name: /models to download/ })
    .getByRole('listitem', { name, exact: true });
}

function installedRow(page: Page, name: string): Locator {
  return panel(page)
    .getByRole('list', { name: /^Installed / })
    .getByRole('listitem', { name, exact: true });
}

/** Presses a card's Download and confirms in the dialog, which names the size, the licence and where it goes. */
async function confirmDownload(page: Page, host: RunningWebHost, name: string, size: RegExp): Promise<void> {
  await card(page, name)
    .getByRole('button', { name: `Download ${name}`, exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^Download ${size.source} under MIT\\?$`) });
  await dialog.waitFor();
  assert.match((await dialog.textContent()) ?? '', new RegExp(`${name} will be saved in .*models`));
  assert.ok(((await dialog.textContent()) ?? '').includes(path.join(host.home, 'models').split(path.sep).pop() as string));
  await dialog.getByRole('link', { name: 'MIT' }).waitFor();
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('the Models tab shows the hardware and the catalog with licences; downloads, switches and removes models', { timeout: 120_000 }, async () => {
  await journey('download-use-remove', async (page, host) => {
    // The hardware summary, honest about the GPU.
    const hardware = panel(page).getByRole('region', { name: 'This computer' });
    await hardware.getByText(/\d+ cores/).waitFor();
    await hardware.getByText(/llama\.cpp (found|uses|could not)/).waitFor();

    // Text is the first modality: its catalog entries show licence, size and a verdict before any download.
    const tiny = card(page, 'Tiny Text');
    await tiny.waitFor();
    const licence = tiny.getByRole('link', { name: /Licence of Tiny Text: MIT/ });
    assert.equal(await licence.getAttribute('href'), 'https://example.org/licence');
    assert.equal(await licence.getAttribute('target'), '_blank');
    await tiny.getByText('Fits', { exact: true }).waitFor();
    await panel(page).getByText('No text models installed yet.', { exact: false }).waitFor();

    // The voice filter shows the voices only.
    await panel(page).getByRole('radio', { name: /Voice/ }).check();
    await card(page, 'Tiny Voice')
      .getByRole('link', { name: /Licence of Tiny Voice/ })
      .waitFor();
    assert.equal(await card(page, 'Tiny Text').count(), 0, 'text models are filtered out');
    await panel(page).getByRole('radio', { name: /Text/ }).check();

    // A download that stalls halfway: the button became a progress bar with bytes, and Cancel stops it.
    server.misbehave(catalog.bigTextPath, { stallAfter: Math.floor(catalog.bigText.length / 2) });
    await confirmDownload(page, host, 'Big Text', /2\.1 MB/);
    const progress = card(page, 'Big Text').getByRole('progressbar', { name: 'Downloading Big Text' });
    await progress.waitFor();
    await page.waitForFunction((el) => Number(el?.getAttribute('aria-valuenow') ?? 0) >= 40, await progress.elementHandle());
    await card(page, 'Big Text')
      .getByText(/MB of 2\.1 MB/)
      .waitFor();
    await card(page, 'Big Text').getByRole('button', { name: 'Cancel download of Big Text' }).click();
    await card(page, 'Big Text')
      .getByText(/Cancelled/)
      .waitFor();
    server.behave(catalog.bigTextPath);

    // Again, and it lands in the installed list as the active text model.
    await confirmDownload(page, host, 'Big Text', /2\.1 MB/);
    await installedRow(page, 'Big Text').getByText('Active', { exact: true }).waitFor();
    await card(page, 'Big Text').getByText('Installed', { exact: true }).waitFor();

    // A second text model installs without taking over…
    await confirmDownload(page, host, 'Tiny Text', /[\d.]+ (kB|bytes)/);
    await installedRow(page, 'Tiny Text').getByRole('button', { name: 'Use Tiny Text' }).waitFor();
    assert.equal(await installedRow(page, 'Tiny Text').getByText('Active', { exact: true }).count(), 0);

    // …until Use makes it the active one.
    await installedRow(page, 'Tiny Text').getByRole('button', { name: 'Use Tiny Text' }).click();
    await installedRow(page, 'Tiny Text').getByText('Active', { exact: true }).waitFor();
    await installedRow(page, 'Big Text').getByRole('button', { name: 'Use Big Text' }).waitFor();
    assert.equal(await installedRow(page, 'Big Text').getByText('Active', { exact: true }).count(), 0);

    // Remove asks first; Cancel keeps it.
    await installedRow(page, 'Big Text').getByRole('button', { name: 'Remove Big Text' }).click();
    let confirm = page.getByRole('dialog', { name: 'Remove Big Text?' });
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await installedRow(page, 'Big Text').waitFor();
    await installedRow(page, 'Big Text').getByRole('button', { name: 'Remove Big Text' }).click();
    confirm = page.getByRole('dialog', { name: 'Remove Big Text?' });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await installedRow(page, 'Big Text').waitFor({ state: 'detached' });
    await card(page, 'Big Text').getByRole('button', { name: 'Download Big Text' }).waitFor();
    await installedRow(page, 'Tiny Text').getByText('Active', { exact: true }).waitFor();
    const left = await fs.readdir(path.join(host.home, 'models'));
    assert.ok(!left.includes('big-text'), `the removed model's folder is gone (${left.join(', ')})`);

    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'models-tab.png') });
  });
});

test('a download that fails says why and offers Retry', { timeout: 60_000 }, async () => {
  await journey('download-fails', async (page, host) => {
    await confirmDownload(page, host, 'Gone', /100 bytes/);
    const gone = card(page, 'Gone');
    await gone.getByText(/Download failed: .+/).waitFor();
    await gone.getByRole('button', { name: 'Retry download of Gone' }).click();
    await gone.getByRole('button', { name: 'Retry download of Gone' }).waitFor();
    // Still not installed, and the page said so without an alert storm.
    await panel(page).getByText('No text models installed yet.', { exact: false }).waitFor();
  });
});
