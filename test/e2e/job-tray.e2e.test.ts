import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { ok, settled } from '../support/api-calls.js';
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

test('the job tray is one line when idle, shows finished jobs on demand, and Clear finished empties it', { timeout: 90_000 }, async () => {
  await journey(
    browser,
    'job-tray',
    async (page, host) => {
      await ok(host, 'projects.create', { title: 'Harbour Night' });
      for (const seed of [1, 2]) {
        const { jobId } = await ok<{ jobId: string }>(host, 'image.generate', {
          engine: 'procedural',
          template: 'title-card',
          prompt: 'night harbour',
          text: 'Harbour',
          width: 640,
          height: 360,
          seed,
        });
        assert.equal((await settled(host, jobId)).state, 'done');
      }
      await page.goto(host.url);
      const tray = page.getByRole('region', { name: 'Jobs' });
      await tray.getByText(/^All done · last: /).waitFor();
      assert.equal(await tray.getByRole('listitem').count(), 0, 'idle: no rows');
      const show = tray.getByRole('button', { name: 'Show finished jobs' });
      const idle = await tray.boundingBox();
      const line = await show.boundingBox();
      // One line: the tray is its padding around one row of controls, less than two rows high.
      assert.ok(idle && line && idle.height < 2 * line.height, `one line: the tray is ${idle?.height} px, a row ${line?.height} px`);

      assert.equal(await show.getAttribute('aria-expanded'), 'false');
      await show.click();
      assert.equal(await show.getAttribute('aria-expanded'), 'true');
      assert.equal(await tray.getByRole('listitem').filter({ hasText: 'Done' }).count(), 2);

      await show.click();
      assert.equal(await tray.getByRole('listitem').count(), 0, 'collapsed again');

      await tray.getByRole('button', { name: 'Clear finished' }).click();
      await tray.getByText(/^Nothing running/).waitFor();
      assert.equal(await tray.getByRole('button', { name: 'Show finished jobs' }).count(), 0);
    },
    { viewport: { width: 1280, height: 720 } },
  );
});
