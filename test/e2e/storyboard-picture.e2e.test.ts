import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import type { Asset, StoryboardState } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { card, ok, openProjectTab, settled, storyboardWhere } from '../support/storyboard-page.js';
import { runCli, tempHome } from '../support/web-host.js';

let browser: Browser;
let home: string;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  home = await tempHome('atelier-e2e-scene-picture-');
  const fixtures = await ensureFixtures({ only: ['tiny-diffusion-inpaint', 'tiny-upscaler-x4'] });
  for (const id of ['tiny-diffusion-inpaint', 'tiny-upscaler-x4']) {
    const imported = runCli(['models', 'import', fixtures[id] as string], { ATELIER_HOME: home });
    assert.equal(imported.status, 0, imported.stderr);
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await fs.rm(home, { recursive: true, force: true });
});

test(
  'A scene picture, from its card: extended 16:9 → 9:16, a part repainted with the mouse, upscaled ×4; each an undoable edit',
  { timeout: 600_000 },
  async () => {
    await journey(
      browser,
      'storyboard-picture',
      async (page, host) => {
        const get = async (id: string) => {
          const file = await fetch(`${host.origin}/files/${id}`, { headers: { Authorization: `Bearer ${host.token}` } });
          return sharp(Buffer.from(await file.arrayBuffer()))
            .removeAlpha()
            .raw()
            .toBuffer({ resolveWithObject: true });
        };
        const pictureOf = async () => (await ok<StoryboardState>(host, 'storyboard.get')).scenes[0]?.imageAssetId;
        const asset = async (id: string | undefined) => (await ok<Asset[]>(host, 'assets.list')).find((a) => a.id === id);

        await ok(host, 'projects.create', { title: 'Harbour' });
        const drawn = await settled(
          host,
          (await ok<{ jobId: string }>(host, 'image.generate', { template: 'pattern', prompt: 'harbour', width: 320, height: 180, seed: 4 })).jobId,
        );
        const source = (drawn.result as { assets: Asset[] }).assets[0];
        assert.ok(source);
        await ok(host, 'storyboard.edit', { op: 'add', title: 'The harbour' });
        const sceneId = (await ok<StoryboardState>(host, 'storyboard.get')).scenes[0]?.id;
        await ok(host, 'storyboard.edit', { op: 'update', sceneId, changes: { imageAssetId: source.id } });

        const panel = await openProjectTab(page, host);
        const first = card(panel, 0);
        const cardPicture = first.getByRole('img', { name: /^Picture of scene 1: / });
        await first.getByRole('img', { name: `Picture of scene 1: ${source.name}` }).waitFor();
        const more = first.getByRole('button', { name: 'Picture actions for scene 1' });

        // 1. Extend to 9:16 from the keyboard: the toggle, then Tab to the action.
        await more.focus();
        await page.keyboard.press('Enter');
        const actions = first.getByRole('group', { name: 'Picture actions for scene 1' });
        await actions.waitFor();
        assert.equal(await actions.getByRole('button', { name: /Extend to 16:9/ }).count(), 0, 'the picture is already 16:9');
        await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-picture-actions.png') });
        await actions.getByRole('button', { name: 'Extend to 9:16 (vertical video)' }).focus();
        await page.keyboard.press('Enter');
        await first.getByRole('status', { name: 'Extending the picture of scene 1' }).waitFor();
        await first.getByRole('img', { name: 'Picture of scene 1: harbour-extended.png' }).waitFor({ timeout: 300_000 });
        await first.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-picture-extended.png') });
        const extended = await asset(await pictureOf());
        assert.equal(extended?.name, 'harbour-extended.png');
        const tall = await get(extended.id);
        assert.deepEqual([tall.info.width, tall.info.height], [320, 569], '9:16 by its real pixels');

        // 2. Repaint part with the mouse in the mask painter.
        await more.click();
        await actions.getByRole('button', { name: 'Repaint part…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Repaint part of the picture of scene 1' });
        const surface = dialog.getByRole('application', { name: /Paint the area to repaint/ });
        await surface.waitFor();
        const box = await surface.boundingBox();
        assert.ok(box);
        // A stroke across the top of the new area, well away from the bottom.
        await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.12);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.14, { steps: 6 });
        await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.12, { steps: 6 });
        await page.mouse.up();
        await dialog.getByLabel('What goes in the painted area').fill('a gull');
        await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-picture-repaint.png') });
        await dialog.getByRole('button', { name: 'Repaint', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        await first.getByRole('img', { name: 'Picture of scene 1: harbour-extended-repainted.png' }).waitFor({ timeout: 300_000 });
        await first.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-picture-repainted.png') });
        const repainted = await asset(await pictureOf());
        assert.equal(repainted?.name, 'harbour-extended-repainted.png');
        const after = await get(repainted.id);
        assert.deepEqual([after.info.width, after.info.height], [320, 569]);
        // The bottom half was never painted: byte for byte the extended picture's.
        const half = 320 * 3 * 300;
        assert.ok(after.data.subarray(after.data.length - half).equals(tall.data.subarray(tall.data.length - half)), 'unmasked pixels unchanged');
        assert.ok(!after.data.subarray(0, 320 * 3 * 100).equals(tall.data.subarray(0, 320 * 3 * 100)), 'the painted stroke changed');

        // 3. Upscale ×4 with the installed upscaler.
        await more.click();
        await actions.getByRole('button', { name: 'Upscale ×4' }).click();
        await first.getByRole('img', { name: 'Picture of scene 1: harbour-extended-repainted-edited.png' }).waitFor({ timeout: 300_000 });
        await cardPicture.evaluate((img: { decode(): Promise<void> }) => img.decode());
        await first.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-picture-upscaled.png') });
        const big = await asset(await pictureOf());
        assert.equal(big?.name, 'harbour-extended-repainted-edited.png');
        const large = await get(big.id);
        assert.deepEqual([large.info.width, large.info.height], [1280, 2276], '4× each side: 16× the pixels');

        // Each step was one storyboard edit: Undo brings the repainted picture back, Redo the upscaled; every asset is kept.
        await panel.getByRole('button', { name: 'Undo', exact: true }).click();
        await storyboardWhere(host, (s) => s.scenes[0]?.imageAssetId === repainted.id, 'undo restores the repainted picture');
        await panel.getByRole('button', { name: 'Redo', exact: true }).click();
        await storyboardWhere(host, (s) => s.scenes[0]?.imageAssetId === big.id, 'redo brings the upscaled one back');
        const names = (await ok<Asset[]>(host, 'assets.list')).map((a) => a.name).sort();
        assert.deepEqual(names, ['harbour-extended-repainted-edited.png', 'harbour-extended-repainted.png', 'harbour-extended.png', 'harbour.png']);
      },
      { viewport: { width: 1440, height: 1100 }, home },
    );
  },
);
