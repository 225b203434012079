import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Asset, DirectorCallEntry, DirectorState } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { ok } from '../support/api-calls.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  await ensureFixtures({ only: ['tiny-llama'] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

// The fixture model fills every string parameter of a named call with its one sentence,
// so the card's passage is known; the picture is the procedural title card (no image model).
test('the director illustrates a paragraph once the creator approves its card, and the picture lands in the project', { timeout: 900_000 }, async () => {
  const { home } = await homeWithTinyLlama('atelier-director-e2e-');
  // Seven tools and a tool result need more room than other fixture journeys use: the fixture's tokens are short.
  await fs.writeFile(path.join(home, 'settings.json'), JSON.stringify({ threads: 2, contextSize: 8192 }));
  await journey(
    browser,
    'director',
    async (page, host) => {
      await ok(host, 'projects.create', { title: 'Harbour Night' });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Write', exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: 'Write' });
      await panel.getByRole('radio', { name: 'Director' }).check();
      const director = panel.getByRole('region', { name: 'Director' });

      await director.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Illustrate' });
      await director.getByRole('textbox', { name: 'Message to the director' }).fill('Illustrate: the keeper climbs the lighthouse stairs at dusk.');
      await director.getByRole('button', { name: 'Send' }).click();

      const card = director.getByRole('article', { name: 'Illustrate call' });
      const approve = card.getByRole('button', { name: 'Approve' });
      await approve.waitFor({ timeout: 300_000 });
      assert.match((await card.textContent()) ?? '', new RegExp(TINY_LLAMA_SENTENCE.replace('.', '\\.')), 'the card shows the passage in words');
      assert.equal((await ok<Asset[]>(host, 'assets.list')).length, 0, 'nothing ran before the approval');
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'director-pending-card.png') });

      await approve.click();
      const picture = card.getByRole('img', { name: /Picture made by the director/ });
      await picture.waitFor({ timeout: 300_000 });
      const decoded = await picture.evaluate((img: { decode(): Promise<void>; naturalWidth: number }) => img.decode().then(() => img.naturalWidth));
      assert.ok(decoded > 0, 'the picture on the card loads');
      // The model reads the result and answers after it; wait for that so the screenshot shows the whole exchange.
      await director.getByText('The director is thinking…').waitFor({ state: 'detached', timeout: 300_000 });

      const state = await ok<DirectorState>(host, 'director.state');
      const call = state.entries.find((e): e is DirectorCallEntry => e.type === 'call');
      assert.equal(call?.status, 'done');
      const assets = await ok<Asset[]>(host, 'assets.list');
      const made = assets.find((a) => a.id === call?.result?.assetId);
      assert.equal(made?.kind, 'image', 'the picture is an asset of the project');
      assert.match(made?.origin.prompt ?? '', /lighthouse keeper/);
      // The sidebar lists it too.
      await page.getByText(made.name, { exact: true }).first().waitFor();
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'director-result.png') });
    },
    { home, viewport: { width: 1440, height: 1100 } },
  );
});
