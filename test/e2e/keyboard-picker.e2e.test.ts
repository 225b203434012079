import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Asset } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { card, ok, openProjectTab, settled, storyboardWhere, waitForFocus } from '../support/storyboard-page.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('keyboard only: a scene’s sound bed is set with the Choose… picker (arrows, Enter), and focus returns to the card', { timeout: 90_000 }, async () => {
  await journey(
    browser,
    'keyboard-picker',
    async (page, host) => {
      await ok(host, 'projects.create', { title: 'Harbour Night' });
      for (const text of ['Waves on the harbour wall.', 'Gulls over the pier.']) {
        const { jobId } = await ok<{ jobId: string }>(host, 'voice.generate', { text, engine: 'espeak', voice: 'en' });
        assert.equal((await settled(host, jobId)).state, 'done');
      }
      const sounds = (await ok<Asset[]>(host, 'assets.list')).filter((asset) => asset.kind === 'audio').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      assert.equal(sounds.length, 2);
      await ok(host, 'storyboard.edit', { op: 'add', title: 'The lamp', text: 'The keeper climbs the stairs.' });
      const panel = await openProjectTab(page, host);
      const choose = card(panel, 0).getByRole('button', { name: 'Choose the sound bed of scene 1…' });
      await choose.focus();
      await page.keyboard.press('Enter');

      const dialog = page.getByRole('dialog', { name: 'Choose the sound bed of scene 1' });
      await dialog.waitFor();
      const newest = dialog.getByRole('button', { name: sounds[0]?.name });
      const older = dialog.getByRole('button', { name: sounds[1]?.name });
      await waitForFocus(newest);
      // One tab stop for the list: the arrow moves to the older clip, Enter picks it.
      await page.keyboard.press('ArrowDown');
      await waitForFocus(older);
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await storyboardWhere(host, (s) => s.scenes[0]?.bedAssetId === sounds[1]?.id, 'the sound bed is the chosen clip');
      await card(panel, 0)
        .getByRole('group', { name: 'Sound bed of scene 1' })
        .getByText(sounds[1]?.name ?? '')
        .waitFor();
      await waitForFocus(choose);
    },
    { viewport: { width: 1280, height: 720 } },
  );
});
