import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS } from '../support/journey.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let browser: Browser;
let model: string;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  model = (await ensureFixtures({ only: ['tiny-diffusion'] }))['tiny-diffusion'] as string;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** A data folder with the fixture pipeline imported in place (as `atelier models import --reference` does) and active. */
async function homeWithTinyDiffusion(): Promise<{ home: string; modelId: string }> {
  const home = await tempHome('atelier-e2e-diffusion-');
  const imported = runCli(['models', 'import', model, '--reference'], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  const listed = JSON.parse(runCli(['models', 'list', '--json'], { ATELIER_HOME: home }).stdout) as { id: string; modality: string; active: boolean }[];
  const image = listed.find((m) => m.modality === 'image');
  assert.ok(image, JSON.stringify(listed));
  if (!image.active) assert.equal(runCli(['models', 'use', image.id], { ATELIER_HOME: home }).status, 0);
  return { home, modelId: image.id };
}

/** Like support/journey.ts, but on a prepared data folder. */
async function journey(name: string, run: (page: Page, host: RunningWebHost, modelId: string) => Promise<void>): Promise<void> {
  const { home, modelId } = await homeWithTinyDiffusion();
  const host = await startWebHostProcess({ home });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await run(page, host, modelId);
    assert.deepEqual(pageErrors, [], 'the page threw no uncaught errors');
    assert.deepEqual(await page.getByRole('alert').allTextContents(), [], 'no error was shown');
  } catch (error) {
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, `failure-${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
    await host.stop();
    await fs.rm(home, { recursive: true, force: true });
  }
}

test('Image tab with a diffusion model: live preview and Stop, then a finished picture with its settings', { timeout: 180_000 }, async () => {
  await journey('image-diffusion', async (page, host, modelId) => {
    const info = (await callApi(host, 'app.info')).result as { engines: { id: string; available: boolean }[] };
    assert.equal(info.engines.find((e) => e.id === 'diffusion')?.available, true, 'the diffusion engine is listed as available');
    await callApi(host, 'projects.create', { title: 'Harbour Nights' });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
    const panel = page.getByRole('tabpanel', { name: 'Image' });
    const gallery = panel.getByRole('list', { name: 'Images' });

    const diffusion = panel.getByRole('radio', { name: 'Diffusion' });
    // The model list arrives after the panel shows: wait for the radio to be enabled (a model
    // that never enables it fails here), not read it the moment the tab opens.
    await panel.getByRole('radio', { name: 'Diffusion', disabled: false }).waitFor();
    assert.equal(await diffusion.isDisabled(), false, 'an installed image model enables diffusion');
    await diffusion.check();
    await panel.getByLabel('Prompt', { exact: true }).fill('a red lighthouse at night');
    await panel.getByLabel('Negative prompt').fill('blurry');
    await panel.getByLabel('Scheduler').selectOption('euler');
    await panel.getByLabel('Seed', { exact: true }).fill('42');

    // A long run: many steps at a large size, so the live preview shows and Stop has time to act.
    await panel.getByLabel('Width').fill('1024');
    await panel.getByLabel('Height').fill('1024');
    await panel.getByLabel('Steps').fill('150');
    await panel.getByLabel('Pictures').fill('8');
    await panel.getByRole('button', { name: 'Generate', exact: true }).click();
    await panel
      .getByRole('status')
      .getByText(/^Step \d+ of 150$/)
      .waitFor({ timeout: 0 });
    await panel.getByRole('img', { name: 'Live preview of the picture being made' }).waitFor();
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-diffusion-progress.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Stop', exact: true }).click();
    await panel.getByRole('button', { name: 'Stop', exact: true }).waitFor({ state: 'detached', timeout: 0 });
    const jobs = (await callApi(host, 'jobs.list')).result as { kind: string; state: string }[];
    assert.equal(jobs.find((j) => j.kind === 'image.generate')?.state, 'cancelled');
    assert.equal(await gallery.getByRole('listitem').count(), 0, 'a stopped diffusion run leaves no picture');

    // A short run finishes and lands in the gallery with its settings.
    await panel.getByLabel('Pictures').fill('1');
    await panel.getByLabel('Width').fill('512');
    await panel.getByLabel('Height').fill('384');
    await panel.getByLabel('Steps').fill('8');
    await panel.getByLabel('Guidance').fill('6');
    await panel.getByLabel('Prompt', { exact: true }).press('Control+Enter');
    const item = gallery.getByRole('listitem').first();
    await item.getByText(new RegExp(`^${modelId} · 8 steps · seed 42 · 512×384 · \\d+\\.\\d s$`)).waitFor({ timeout: 0 });
    await item.getByText('a red lighthouse at night', { exact: true }).waitFor();
    await panel.getByRole('img', { name: 'Latest picture: a red lighthouse at night' }).waitFor();
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-diffusion-done.png'), fullPage: true });

    // Reuse settings brings back the diffusion settings.
    await panel.getByLabel('Steps').fill('3');
    await item.getByRole('button', { name: 'Reuse settings' }).click();
    await page.getByText('Settings reused').waitFor();
    assert.equal(await panel.getByLabel('Steps').inputValue(), '8');
    assert.equal(await panel.getByLabel('Scheduler').inputValue(), 'euler');
    assert.equal(await panel.getByLabel('Seed', { exact: true }).inputValue(), '42');
  });
});
