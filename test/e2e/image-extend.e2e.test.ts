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
  home = await tempHome('atelier-e2e-extend-');
  const inpaint = (await ensureFixtures({ only: ['tiny-diffusion-inpaint'] }))['tiny-diffusion-inpaint'] as string;
  const imported = runCli(['models', 'import', inpaint], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await fs.rm(home, { recursive: true, force: true });
});

interface Listed {
  id: string;
  name: string;
  width?: number;
  height?: number;
  origin: { parameters?: Record<string, unknown> };
}

test('Image tab: Extend… a 16:9 picture to 9:16 with a preview of the new frame; a new picture, the original kept', { timeout: 300_000 }, async () => {
  await journey(
    browser,
    'image-extend',
    async (page, host) => {
      await callApi(host, 'projects.create', { title: 'Extend' });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: 'Image' });
      const gallery = panel.getByRole('list', { name: 'Images' });
      await panel.getByRole('radio', { name: 'Procedural' }).check();
      await panel.getByLabel('Template').selectOption('pattern');
      await panel.getByLabel('Prompt').fill('tiles');
      await panel.getByLabel('Width').fill('320');
      await panel.getByLabel('Height').fill('180');
      await panel.getByRole('button', { name: 'Generate', exact: true }).click();
      const card = gallery.getByRole('listitem', { name: 'tiles.png', exact: true });
      await card.waitFor();

      await card.getByRole('button', { name: 'Edit' }).click();
      await panel.getByRole('button', { name: 'Extend…' }).click();
      const extend = panel.getByRole('region', { name: 'Extend tiles.png' });
      // A wide picture starts at 9:16: the preview is the new frame, to scale, the picture in its middle.
      assert.equal(await extend.getByLabel('New shape').inputValue(), '9:16');
      const frame = extend.getByRole('img', { name: /The new frame, 320 by 569/ });
      await frame.waitFor();
      await frame.locator('img').evaluate((img: { decode(): Promise<void> }) => img.decode());
      const box = await frame.boundingBox();
      assert.ok(box && Math.abs(box.width / box.height - 320 / 569) < 0.02, `the preview is 9:16 (${box?.width}×${box?.height})`);

      // An exact size the picture already has is refused before anything runs.
      await extend.getByLabel('New shape').selectOption('size');
      await extend.getByLabel('New width').fill('320');
      await extend.getByLabel('New height').fill('180');
      await extend.getByText(/nothing to extend/).waitFor();
      assert.equal(await extend.getByRole('button', { name: 'Extend', exact: true }).isDisabled(), true);
      await extend.getByLabel('New shape').selectOption('9:16');
      await extend.getByLabel('The picture sits at').selectOption('top');
      await extend.getByRole('img', { name: /The new frame, 320 by 569: the picture at 0, 0/ }).waitFor();
      await extend.getByLabel('The picture sits at').selectOption('center');
      await extend.getByLabel('What fills the new area (optional)').fill('more tiles');
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-extend-dialog.png'), fullPage: true });
      await extend.getByRole('button', { name: 'Extend', exact: true }).click();

      const extended = gallery.getByRole('listitem', { name: 'tiles-extended.png', exact: true });
      await extended.waitFor();
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-extend-done.png'), fullPage: true });
      const assets = (await callApi(host, 'assets.list')).result as Listed[];
      const original = assets.find((a) => a.name === 'tiles.png');
      const result = assets.find((a) => a.name === 'tiles-extended.png');
      assert.ok(original && result);
      assert.equal(result.origin.parameters?.operation, 'outpaint');
      assert.equal(result.origin.parameters?.sourceAssetId, original.id);
      const file = await fetch(`${host.origin}/files/${result.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      assert.deepEqual([meta.width, meta.height], [320, 569], 'the file is 9:16 by its real pixels');
      assert.deepEqual([original.width, original.height], [320, 180], 'the original is kept');
    },
    { viewport: { width: 1440, height: 1100 }, home },
  );
});
