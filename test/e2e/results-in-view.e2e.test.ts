import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { ok } from '../support/api-calls.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function inViewport(locator: Locator, viewport: { width: number; height: number }): Promise<void> {
  const box = await locator.boundingBox();
  assert.ok(box, 'it is on the page');
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `inside the viewport vertically: ${JSON.stringify(box)}`);
  assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `inside the viewport horizontally: ${JSON.stringify(box)}`);
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
]) {
  test(
    `Image tab at ${viewport.width}×${viewport.height}: after Generate the result is inside the viewport, with a history strip`,
    { timeout: 90_000 },
    async () => {
      await journey(
        browser,
        `results-in-view-${viewport.width}`,
        async (page, host) => {
          await ok(host, 'projects.create', { title: 'Harbour Night' });
          await page.goto(host.url);
          await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
          const panel = page.getByRole('tabpanel', { name: 'Image' });
          await panel.getByLabel('Template').selectOption('title-card');
          await panel.getByLabel('Prompt').fill('harbour at midnight');
          await panel.getByLabel('Seed', { exact: true }).fill('42');
          await panel.getByRole('button', { name: 'Generate', exact: true }).click();
          const picture = panel.getByRole('img', { name: 'Latest picture: harbour at midnight' });
          await picture.waitFor();
          await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await picture.elementHandle());
          await inViewport(picture, viewport);
          await page.screenshot({ path: path.join(E2E_ARTIFACTS, `image-result-${viewport.width}.png`) });

          // A second picture: the strip under the result lists both, newest shown; a click shows the older one.
          await panel.getByLabel('Prompt').fill('harbour at dawn');
          await panel.getByRole('button', { name: 'Generate', exact: true }).click();
          await panel.getByRole('img', { name: 'Latest picture: harbour at dawn' }).waitFor();
          const strip = panel.getByRole('list', { name: 'Recent pictures' });
          assert.equal(await strip.getByRole('button').count(), 2);
          await strip.getByRole('button', { pressed: false }).click();
          await picture.waitFor();
          await inViewport(picture, viewport);
        },
        { viewport },
      );
    },
  );
}
