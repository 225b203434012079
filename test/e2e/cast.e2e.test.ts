import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Asset, ProjectCast } from '../../preload/contract.js';
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

/** The page's own types, read through evaluate (the test runs in Node, which has no DOM). */
interface PlayerAudio {
  paused: boolean;
  currentTime: number;
}
interface PageDocument {
  querySelector(selector: string): PlayerAudio | null;
}

test('Cast: add a character in the Project tab, write a two-character scene, Narrate, and the player plays it', { timeout: 240_000 }, async () => {
  await journey(
    browser,
    'cast',
    async (page, host) => {
      await ok(host, 'projects.create', { title: 'The Fox and the Crow' });
      const panel = await openProjectTab(page, host);

      // The Cast view: the default narrator, then a second character, all by keyboard-reachable labelled controls.
      await panel.getByRole('radio', { name: 'Cast' }).check();
      const characters = panel.getByRole('list', { name: 'Characters' });
      await characters.getByRole('listitem', { name: 'Narrator' }).waitFor();
      // The default narrator's voice is espeak's `en`: shown by the name of the voice espeak speaks it with.
      const narratorVoice = characters.getByRole('listitem', { name: 'Narrator' }).getByRole('combobox', { name: 'Voice' });
      await page.waitForFunction(
        (select) => (select as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]?.textContent === 'English (Great Britain) (en)',
        await narratorVoice.elementHandle(),
        { timeout: 30_000 },
      );
      await panel.getByRole('button', { name: 'Add a character' }).click();
      const added = characters.getByRole('listitem', { name: 'Character 2' });
      await added.getByLabel('Name', { exact: true }).fill('Crow');
      // The row is named after its character, so it is found again by the new name.
      await page.keyboard.press('Tab');
      const crow = characters.getByRole('listitem', { name: 'Crow' });
      await crow.getByLabel('Pitch', { exact: true }).fill('80');
      await crow.getByLabel('Pitch', { exact: true }).press('Tab');
      // A text field until espeak's voice list arrives, then a list to pick from.
      await crow.getByRole('combobox', { name: 'Voice' }).selectOption('en-us');
      const saved = async () => (await ok<ProjectCast>(host, 'cast.get')).characters;
      for (const deadline = Date.now() + 30_000; ;) {
        const now = await saved();
        if (now[1]?.name === 'Crow' && now[1].pitch === 80 && now[1].voice === 'en-us') break;
        if (Date.now() > deadline) assert.fail(`the cast was not saved: ${JSON.stringify(now)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'cast-section.png'), animations: 'disabled' });

      // A two-character scene, narrated from its card.
      await panel.getByRole('radio', { name: /^Scenes/ }).check();
      await panel.getByRole('button', { name: 'Add a scene', exact: true }).click();
      await panel.getByLabel('Title of scene 1').fill('The cheese');
      await panel.getByLabel('Text of scene 1').fill('NARRATOR: A crow sat in a tree with some cheese.\nCROW: Caw! This cheese is mine.');
      await storyboardWhere(host, (s) => s.scenes[0]?.text.startsWith('NARRATOR:') === true, 'the script is saved');
      const first = card(panel, 0);
      await first.getByRole('button', { name: 'Narrate' }).click();
      const narration = first.getByRole('group', { name: 'Narration of scene 1' });
      await narration.getByRole('button', { name: 'Play the narration of scene 1' }).waitFor({ timeout: 120_000 });
      const state = await storyboardWhere(host, (s) => s.scenes[0]?.narrationAssetId !== undefined, 'Narrate attaches the clip');
      const clip = (await ok<Asset[]>(host, 'assets.list')).find((a) => a.id === state.scenes[0]?.narrationAssetId);
      assert.deepEqual(
        (clip?.origin.parameters?.['lines'] as { speaker: string }[]).map((l) => l.speaker),
        ['Narrator', 'Crow'],
      );

      // The player plays the joined clip.
      await panel.getByRole('button', { name: 'Play storyboard' }).click();
      const player = page.getByRole('dialog', { name: 'Storyboard player' });
      await player.waitFor();
      await page.waitForFunction(
        () => {
          const audio = (globalThis as unknown as { document: PageDocument }).document.querySelector('dialog.player audio:not([loop])');
          return audio !== null && !audio.paused && audio.currentTime > 0;
        },
        undefined,
        { timeout: 30_000 },
      );
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'cast-player.png'), animations: 'disabled' });
      await page.keyboard.press('Escape');
      await player.waitFor({ state: 'detached' });
    },
    { viewport: { width: 1440, height: 1000 } },
  );
});
