import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Scene, StoryboardState } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { card, ok, openProjectTab, storyboardWhere } from '../support/storyboard-page.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { waitFor } from '../support/wait-for.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  await ensureFixtures({ only: ['tiny-llama'] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const OWN_WORDS = 'My own words: the keeper climbs the stairs.';

test(
  'a scene’s Write keeps the creator’s text until Accept; Discard keeps it; Undo brings it back; stale narration re-narrates',
  { timeout: 240_000 },
  async () => {
    const { home } = await homeWithTinyLlama('atelier-scene-results-');
    await journey(
      browser,
      'scene-results',
      async (page, host) => {
        await ok(host, 'projects.create', { title: 'Harbour Night' });
        await ok(host, 'storyboard.edit', { op: 'add', title: 'The keeper', text: OWN_WORDS });
        const panel = await openProjectTab(page, host);
        const first = card(panel, 0);
        const text = first.getByLabel('Text of scene 1');
        assert.equal(await text.inputValue(), OWN_WORDS);

        // Write finishes with an offer beside the creator's text, which stays as it was.
        await first.getByRole('button', { name: 'Write' }).click();
        const offer = first.getByRole('group', { name: 'New text for scene 1' });
        await offer.waitFor({ timeout: 120_000 });
        assert.match((await offer.textContent()) ?? '', new RegExp(TINY_LLAMA_SENTENCE.slice(0, 20)));
        assert.equal(await text.inputValue(), OWN_WORDS, 'the card still shows the creator’s text');
        const saved = await ok<StoryboardState>(host, 'storyboard.get');
        assert.equal(saved.scenes[0]?.text, OWN_WORDS, 'main kept the creator’s text');
        assert.equal(await first.getByRole('button', { name: 'Accept' }).isVisible(), true);

        // Discard drops the offer; nothing changed.
        await offer.getByRole('button', { name: 'Discard' }).click();
        await offer.waitFor({ state: 'detached' });
        assert.equal(await text.inputValue(), OWN_WORDS);

        // Again, and Accept: now the model's text replaces it, as one undo step.
        await first.getByRole('button', { name: 'Write' }).click();
        await offer.waitFor({ timeout: 120_000 });
        await offer.getByRole('button', { name: 'Accept' }).click();
        await offer.waitFor({ state: 'detached' });
        await storyboardWhere(host, (s) => s.scenes[0]?.text === TINY_LLAMA_SENTENCE, 'Accept saved the written text');
        // The card shows it once the storyboard's change has rendered (main saves first).
        await waitFor('the card to show the accepted text', async () => (await text.inputValue()) === TINY_LLAMA_SENTENCE);
        await panel.getByRole('button', { name: 'Undo', exact: true }).click();
        await storyboardWhere(host, (s) => s.scenes[0]?.text === OWN_WORDS, 'Undo brought the creator’s text back');
        await waitFor('the card to show the creator’s text again', async () => (await text.inputValue()) === OWN_WORDS);

        // Narrate, then change the text: the card says the narration is out of date; Re-narrate speaks the new text.
        await first.getByRole('button', { name: 'Narrate' }).click();
        const narrated = await storyboardWhere(host, (s) => s.scenes[0]?.narrationAssetId !== undefined, 'the narration attached', 120_000);
        const firstNarration = (narrated.scenes[0] as Scene).narrationAssetId;
        const stale = first.getByRole('note', { name: 'Narration of scene 1 is out of date' });
        assert.equal(await stale.count(), 0, 'fresh narration is not marked');
        await text.fill('The keeper lights the lamp at last.');
        await stale.waitFor();
        await stale.getByRole('button', { name: 'Re-narrate' }).click();
        await storyboardWhere(
          host,
          (s) => s.scenes[0]?.narrationAssetId !== undefined && s.scenes[0].narrationAssetId !== firstNarration,
          'Re-narrate attached a new narration',
          120_000,
        );
        await stale.waitFor({ state: 'detached' });
      },
      { home, viewport: { width: 1280, height: 720 } },
    );
  },
);
