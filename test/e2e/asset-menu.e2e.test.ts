import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Asset, StoryboardState } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { ok, settled, storyboardWhere, waitForFocus } from '../support/storyboard-page.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test(
  'an asset’s menu opens with Shift+F10, the Menu key and a right-click, moves with the arrows, and gives the focus back',
  { timeout: 180_000 },
  async () => {
    await journey(browser, 'asset-menu', async (page, host) => {
      await ok(host, 'projects.create', { title: 'Menus' });
      const { jobId } = await ok<{ jobId: string }>(host, 'image.generate', {
        engine: 'procedural',
        template: 'gradient',
        prompt: 'dusk',
        width: 320,
        height: 180,
        seed: 7,
      });
      const job = await settled(host, jobId);
      assert.equal(job.state, 'done', JSON.stringify(job.error));
      const picture = (job.result as { assets: Asset[] }).assets[0] as Asset;

      await page.goto(host.url);
      const row = page.getByRole('list', { name: 'Assets' }).getByRole('button', { name: new RegExp(`^${picture.name}`) });
      await row.focus();
      await page.keyboard.press('Shift+F10');
      const menu = page.getByRole('menu', { name: `Actions for ${picture.name}` });
      await menu.waitFor();
      await waitForFocus(menu.getByRole('menuitem', { name: 'Show in inspector' }));
      await page.keyboard.press('ArrowDown');
      await waitForFocus(menu.getByRole('menuitem', { name: 'Send to storyboard' }));
      await page.keyboard.press('End');
      await waitForFocus(menu.getByRole('menuitem', { name: 'Copy name' }));
      await page.keyboard.press('ArrowDown');
      await waitForFocus(menu.getByRole('menuitem', { name: 'Show in inspector' }));
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'asset-menu.png') });
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      await waitForFocus(row);

      // The Menu key opens it too; Enter runs the focused action.
      await page.keyboard.press('ContextMenu');
      await menu.waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'detached' });
      // Two edits (a scene, then its picture): wait for the second.
      const state: StoryboardState = await storyboardWhere(host, (s) => s.scenes[0]?.imageAssetId === picture.id, 'the picture sent to the storyboard');
      assert.equal(state.scenes.length, 1);
      await waitForFocus(row);

      // A right-click opens it at the pointer; a click elsewhere closes it and changes nothing.
      await row.click({ button: 'right' });
      await menu.waitFor();
      await page.getByRole('heading', { name: 'Projects', exact: true }).click();
      await menu.waitFor({ state: 'detached' });
      assert.equal((await ok<StoryboardState>(host, 'storyboard.get')).scenes.length, 1);
    });
  },
);
