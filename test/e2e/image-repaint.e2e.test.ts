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
  home = await tempHome('atelier-e2e-repaint-');
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
  origin: { parameters?: Record<string, unknown> };
}

async function pixels(host: { origin: string; token: string }, id: string) {
  const file = await fetch(`${host.origin}/files/${id}`, { headers: { Authorization: `Bearer ${host.token}` } });
  return sharp(Buffer.from(await file.arrayBuffer()))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

test('Image tab: paint a mask with the pointer and the keyboard, Repaint, and only the painted part changes', { timeout: 300_000 }, async () => {
  await journey(
    browser,
    'image-repaint',
    async (page, host) => {
      await callApi(host, 'projects.create', { title: 'Repaint' });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: 'Image' });
      const gallery = panel.getByRole('list', { name: 'Images' });
      // A procedural picture to repaint: the engine choice is the form's first field.
      await panel.getByRole('radio', { name: 'Procedural' }).check();
      await panel.getByLabel('Template').selectOption('pattern');
      await panel.getByLabel('Prompt').fill('tiles');
      await panel.getByLabel('Width').fill('256');
      await panel.getByLabel('Height').fill('192');
      await panel.getByRole('button', { name: 'Generate', exact: true }).click();
      const card = gallery.getByRole('listitem', { name: 'tiles.png', exact: true });
      await card.waitFor();

      await card.getByRole('button', { name: 'Edit' }).click();
      await panel.getByRole('button', { name: 'Repaint part…' }).click();
      const repaint = panel.getByRole('region', { name: 'Repaint part of tiles.png' });
      const surface = repaint.getByRole('application', { name: /Paint the area to repaint/ });
      await surface.waitFor();
      const repaintButton = repaint.getByRole('button', { name: 'Repaint', exact: true });
      assert.equal(await repaintButton.isDisabled(), true, 'nothing painted yet');

      // A pointer stroke across the left third of the picture, near the top.
      const box = await surface.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.25);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.25, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 5 });
      await page.mouse.up();
      // Undo takes the stroke back; redo brings it again (Ctrl+Shift+Z).
      await surface.focus();
      await page.keyboard.press('Control+z');
      await repaint.getByText(/ 0% marked/).waitFor();
      await page.keyboard.press('Control+Shift+z');
      await repaint.getByText(/[1-9]\d*% marked/).waitFor();
      // The keyboard brush: Enter dabs at the cursor (the picture's centre at first).
      await page.keyboard.press(']');
      await page.keyboard.press('Enter');
      await repaint.getByLabel('What goes in the painted area').fill('a red kite');
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-repaint-painter.png'), fullPage: true });
      await repaintButton.click();

      const repainted = gallery.getByRole('listitem', { name: 'tiles-repainted.png', exact: true });
      await repainted.waitFor();
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'image-repaint-done.png'), fullPage: true });
      const assets = (await callApi(host, 'assets.list')).result as Listed[];
      const original = assets.find((a) => a.name === 'tiles.png');
      const result = assets.find((a) => a.name === 'tiles-repainted.png');
      assert.ok(original && result);
      assert.equal(result.origin.parameters?.operation, 'inpaint');
      assert.equal(result.origin.parameters?.sourceAssetId, original.id);

      const before = await pixels(host, original.id);
      const after = await pixels(host, result.id);
      assert.deepEqual([after.info.width, after.info.height], [256, 192]);
      // The bottom-right corner was never painted: byte for byte the original. The stroke's start changed.
      const at = (image: typeof before, x: number, y: number) => [...image.data.subarray((y * image.info.width + x) * 3, (y * image.info.width + x) * 3 + 3)];
      for (const [x, y] of [
        [250, 186],
        [200, 170],
        [240, 100],
      ] as const) {
        assert.deepEqual(at(after, x, y), at(before, x, y), `unpainted pixel ${x},${y} kept`);
      }
      let changed = 0;
      for (let x = 30; x < 70; x++) if (at(after, x, 48).some((v, i) => Math.abs(v - (at(before, x, 48)[i] ?? 0)) > 8)) changed++;
      assert.ok(changed > 20, `the painted stroke changed (${changed} of 40 pixels)`);
    },
    { viewport: { width: 1440, height: 1100 }, home },
  );
});
