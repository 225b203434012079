import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Asset } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { card, ok, settled, storyboardWhere, waitForFocus } from '../support/storyboard-page.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Presses Tab until `target` has the focus: the way a keyboard user gets there, bounded so a missing stop fails. */
async function tabTo(page: Page, target: Locator, most = 80): Promise<number> {
  for (let presses = 1; presses <= most; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el)) return presses;
  }
  return assert.fail(`Tab never reached the element in ${most} presses`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(E2E_ARTIFACTS, `keyboard-${name}.png`), animations: 'disabled' });
}

test('Keyboard only: skip links first, focus on what Create made, a sound bed set with the picker', { timeout: 300_000 }, async () => {
  await journey(
    browser,
    'keyboard',
    async (page, host) => {
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();

      // The first Tab stop skips to the work.
      await page.keyboard.press('Tab');
      await waitForFocus(page.getByRole('link', { name: 'Skip to the editor' }));
      await shot(page, 'skip-link');

      // Create: the new project's row in the sidebar takes the focus.
      await page.keyboard.press('Control+n');
      const dialog = page.getByRole('dialog', { name: 'New project' });
      await dialog.waitFor();
      await page.keyboard.type('Harbour Night');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await waitForFocus(page.getByRole('navigation', { name: 'Projects and assets' }).getByRole('button', { name: /^Harbour Night/ }));

      // A scene and two sounds to choose from (made through the API: this test is about the keyboard).
      await ok(host, 'storyboard.edit', { op: 'add', title: 'The harbour', text: 'Boats rock at the quay.' });
      const sounds: Asset[] = [];
      for (const preset of ['rain', 'wind'] as const) {
        const { jobId } = await ok<{ jobId: string }>(host, 'sound.generate', { kind: 'ambience', preset, seconds: 2, seed: 5 });
        const job = await settled(host, jobId);
        assert.equal(job.state, 'done', JSON.stringify(job.error));
        sounds.push(job.result as Asset);
      }
      const wind = sounds[1] as Asset;

      // To the Project tab, then Tab by Tab to the sound bed's Choose….
      await page.keyboard.press('Control+4');
      const panel = page.getByRole('tabpanel', { name: 'Project' });
      await card(panel, 0).waitFor();
      await page.getByRole('navigation', { name: 'Projects and assets' }).getByRole('heading', { name: 'Assets' }).getByText(String(sounds.length)).waitFor();
      const choose = card(panel, 0).getByRole('button', { name: 'Choose the sound bed of scene 1…' });
      await tabTo(page, choose);
      await page.keyboard.press('Enter');
      const picker = page.getByRole('dialog', { name: 'Choose the sound bed of scene 1' });
      await picker.waitFor();
      // Only sounds are offered; typing filters them, ↓ goes into the list, Enter picks.
      assert.equal(await picker.getByRole('option').count(), sounds.length);
      await shot(page, 'picker');
      await page.keyboard.type(wind.name.slice(0, 6));
      await picker.getByRole('option').filter({ hasText: wind.name }).waitFor();
      await page.keyboard.press('ArrowDown');
      await waitForFocus(picker.getByRole('option').filter({ hasText: wind.name }));
      await page.keyboard.press('Enter');
      await picker.waitFor({ state: 'detached' });
      await storyboardWhere(host, (s) => s.scenes[0]?.bedAssetId === wind.id && s.scenes[0]?.narrationAssetId === undefined, 'the picked sound is the bed');
      await card(panel, 0).getByRole('group', { name: 'Sound bed of scene 1' }).getByText(wind.name).waitFor();
      // Focus is back where it was, so the next Tab goes on from the card.
      await waitForFocus(choose);
      await panel.getByText(`“${wind.name}” is now the sound bed of scene 1`).waitFor({ state: 'attached' });

      // The skip links find their targets on the tab on screen: the scene card, the jobs.
      await page.getByRole('link', { name: 'Skip to the editor' }).focus();
      await page.keyboard.press('Enter');
      await waitForFocus(card(panel, 0));
      await page.getByRole('link', { name: 'Skip to the jobs' }).focus();
      await page.keyboard.press('Enter');
      await waitForFocus(page.getByRole('region', { name: 'Jobs' }));

      // At 1024×768 the card's rows, each with its Choose…, still fit inside the card.
      await page.setViewportSize({ width: 1024, height: 768 });
      await choose.focus();
      await page.keyboard.press('Enter');
      await picker.waitFor();
      await shot(page, 'picker-1024');
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'detached' });
      await waitForFocus(choose);
      await shot(page, 'card-1024');
      const fits = await card(panel, 0).evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth <= el.clientWidth);
      assert.ok(fits, 'the scene card has no horizontal overflow at 1024 px');
    },
    { viewport: { width: 1280, height: 720 } },
  );
});
