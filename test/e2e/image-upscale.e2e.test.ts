import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { callApi, runCli, tempHome } from '../support/web-host.js';

let browser: Browser;
let home: string;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  home = await tempHome('atelier-e2e-upscale-');
  const x4 = (await ensureFixtures({ only: ['tiny-upscaler-x4'] }))['tiny-upscaler-x4'] as string;
  const imported = runCli(['models', 'import', x4], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await fs.rm(home, { recursive: true, force: true });
});

test('Image tab: Upscale ×4 with the installed upscaler makes a picture four times the size', { timeout: 120_000 }, async () => {
  await runJourney();
});

async function runJourney(): Promise<void> {
  await journey(
    browser,
    'image-upscale',
    async (page, host) => {
      await callApi(host, 'projects.create', { title: 'Upscale' });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: 'Image' });
      const gallery = panel.getByRole('list', { name: 'Images' });
      await panel.getByLabel('Template').selectOption('gradient');
      await panel.getByLabel('Prompt').fill('dunes at dusk');
      await panel.getByLabel('Seed', { exact: true }).fill('2781095065');
      await panel.getByLabel('Width').fill('320');
      await panel.getByLabel('Height').fill('180');
      await panel.getByRole('button', { name: 'Generate', exact: true }).click();
      const first = gallery.getByRole('listitem', { name: 'dunes-at-dusk.png', exact: true });
      await first.waitFor();

      await first.getByRole('button', { name: 'Edit' }).click();
      const editor = panel.getByRole('region', { name: 'Edit “dunes-at-dusk.png”', exact: true });
      // The active upscaler is offered first; Lanczos stays a choice.
      const choice = editor.getByLabel('Upscale with');
      await choice.locator('option:checked', { hasText: 'tiny-upscaler-x4' }).waitFor({ state: 'attached' });
      await editor.getByLabel('Upscale', { exact: true }).selectOption('4');
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-upscale-editor.png'), fullPage: true });
      await editor.getByRole('button', { name: 'Save as new image' }).click();
      const edited = gallery.getByRole('listitem', { name: 'dunes-at-dusk-edited.png', exact: true });
      await edited.getByText(/· 1280×720/).waitFor();
      const assets = (await callApi(host, 'assets.list')).result as { id: string; name: string; origin: { parameters?: { ops?: unknown } } }[];
      const big = assets.find((a) => a.name === 'dunes-at-dusk-edited.png');
      assert.deepEqual(big?.origin.parameters?.ops, [{ op: 'upscale', factor: 4, model: 'tiny-upscaler-x4' }]);
      const file = await fetch(`${host.origin}/files/${big?.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
      assert.equal((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width, 1280);
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-upscale-gallery.png'), fullPage: true });
    },
    { viewport: { width: 1440, height: 1100 }, home },
  );
}
