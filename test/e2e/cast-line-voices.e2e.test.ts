import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Asset } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { card, ok, openProjectTab, storyboardWhere } from '../support/storyboard-page.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('Per-line voice picks: from the keyboard, a plain scene becomes a two-voice script without typing a name', { timeout: 240_000 }, async () => {
  await journey(
    browser,
    'cast-line-voices',
    async (page, host) => {
      await ok(host, 'projects.create', { title: 'The Crow' });
      const narrator = { id: 'narrator', name: 'Narrator', engine: 'espeak', voice: 'en-us', rate: 1, pitch: 50 };
      await ok(host, 'cast.set', { characters: [narrator, { ...narrator, id: 'crow', name: 'Crow', pitch: 80 }], pronunciations: [] });
      const panel = await openProjectTab(page, host);
      await panel.getByRole('button', { name: 'Add a scene', exact: true }).click();
      const text = panel.getByLabel('Text of scene 1');
      await text.fill('A crow sat in a tree.\nCaw! This cheese is mine.');
      // The caret on line 2, then one Tab to its voice: the narrator's, as plain text is read.
      await text.press('Control+End');
      await page.keyboard.press('Tab');
      const picker = card(panel, 0).getByRole('combobox', { name: 'Voice of line 2 of scene 1' });
      assert.equal(
        await picker.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
        true,
        'Tab reaches the pick',
      );
      assert.equal(await picker.inputValue(), 'Narrator');
      await picker.selectOption('Crow');
      await storyboardWhere(
        host,
        (s) => s.scenes[0]?.text === 'NARRATOR: A crow sat in a tree.\nCROW: Caw! This cheese is mine.',
        'the pick is saved as a script',
      );
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'cast-line-voices.png'), animations: 'disabled' });

      // Back in the text the pick follows the caret; a typed prefix is read the same way.
      await page.keyboard.press('Shift+Tab');
      await text.press('Control+Home');
      await card(panel, 0).getByRole('combobox', { name: 'Voice of line 1 of scene 1' }).waitFor();
      assert.equal(await card(panel, 0).getByRole('combobox', { name: 'Voice of line 1 of scene 1' }).inputValue(), 'Narrator');
      await text.press('Control+End');
      await page.keyboard.type('\nnarrator: And the fox waited.');
      await card(panel, 0).getByRole('combobox', { name: 'Voice of line 3 of scene 1' }).waitFor();
      assert.equal(await card(panel, 0).getByRole('combobox', { name: 'Voice of line 3 of scene 1' }).inputValue(), 'Narrator');
      await storyboardWhere(host, (s) => s.scenes[0]?.text.endsWith('narrator: And the fox waited.') === true, 'the typed line is saved');

      // Narrate speaks each line in its picked voice.
      await card(panel, 0).getByRole('button', { name: 'Narrate' }).click();
      const state = await storyboardWhere(host, (s) => s.scenes[0]?.narrationAssetId !== undefined, 'Narrate attaches the clip');
      const clip = (await ok<Asset[]>(host, 'assets.list')).find((a) => a.id === state.scenes[0]?.narrationAssetId);
      assert.deepEqual(
        (clip?.origin.parameters?.['lines'] as { speaker: string }[]).map((l) => l.speaker),
        ['Narrator', 'Crow', 'Narrator'],
      );
    },
    { viewport: { width: 1440, height: 1000 } },
  );
});
