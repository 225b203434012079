import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { waitFor } from '../support/wait-for.js';
import { callApi, runCli, tempHome } from '../support/web-host.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

interface AssetLike {
  id: string;
  origin: { engine: string; parameters?: Record<string, unknown> };
}
interface SceneLike {
  id: string;
  narrationAssetId?: string | null;
}
interface AudioLike {
  src: string;
  readyState: number;
}

test(
  'Kokoro in the Voice tab: search by language and gender, pick a voice, narrate a clip and a scene with it; sample a voice in Models',
  { timeout: 240_000 },
  async () => {
    await ensureFixtures({ only: ['tiny-kokoro'] });
    const home = await tempHome('atelier-e2e-kokoro-');
    const imported = runCli(['models', 'import', fixturePath('tiny-kokoro'), '--reference'], { ATELIER_HOME: home });
    assert.equal(imported.status, 0, imported.stderr);
    await journey(
      browser,
      'voice-tab-kokoro',
      async (page, host) => {
        await callApi(host, 'projects.create', { title: 'Fox and Lamp' });
        await callApi(host, 'storyboard.edit', { op: 'add', title: 'Dusk', text: 'The fox waits by the lamp.' });
        await page.goto(host.url);
        await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
        await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Voice', exact: true }).click();
        const panel = page.getByRole('tabpanel', { name: 'Voice' });
        await panel.getByRole('checkbox', { name: 'Play each new sound' }).uncheck();
        await panel.getByRole('radio', { name: 'Kokoro' }).check();

        // The packs, searched by language, then by language and gender.
        const voices = panel.getByRole('listbox', { name: 'Voice' });
        await panel.getByText('6 voices', { exact: true }).waitFor();
        const search = panel.getByRole('searchbox', { name: 'Search voices' });
        await search.fill('British');
        await panel.getByText('2 of 6 voices').waitFor();
        await search.fill('british male');
        await panel.getByText('1 of 6 voices').waitFor();
        const george = voices.getByRole('option', { name: /^George/ });
        await george.click();
        assert.equal(await george.getAttribute('aria-selected'), 'true');
        // Picking it makes it the narration voice: the Kokoro model in use, bm_george in settings.
        await waitFor('the pick to reach the settings', async () => {
          const settings = (await callApi(host, 'settings.get')).result as { kokoroVoice: string };
          return settings.kokoroVoice === 'bm_george' || undefined;
        });

        await panel.getByRole('textbox', { name: 'Text to speak' }).fill('Good evening. The harbour is still.');
        await panel.getByRole('button', { name: 'Generate', exact: true }).click();
        const row = panel.getByRole('list', { name: 'Sound clips' }).getByRole('listitem').filter({ hasText: 'Good evening' });
        await row.getByText(/ · Kokoro voice · George$/).waitFor({ timeout: 90_000 });
        const clips = (await callApi(host, 'assets.list')).result as AssetLike[];
        const clip = clips.find((a) => a.origin.engine === 'kokoro');
        assert.equal(clip?.origin.parameters?.voice, 'bm_george');

        // A scene's Narrate now speaks with George too.
        const { scenes } = (await callApi(host, 'storyboard.get')).result as { scenes: SceneLike[] };
        const scene = scenes[0] as SceneLike;
        await callApi(host, 'storyboard.sceneAction', { sceneId: scene.id, action: 'narrate' });
        const narrationId = await waitFor('the scene narration', async () => {
          const now = (await callApi(host, 'storyboard.get')).result as { scenes: SceneLike[] };
          return now.scenes[0]?.narrationAssetId ?? undefined;
        });
        const narration = ((await callApi(host, 'assets.list')).result as AssetLike[]).find((a) => a.id === narrationId);
        assert.deepEqual([narration?.origin.engine, narration?.origin.parameters?.voice], ['kokoro', 'bm_george']);

        // Models: the installed Kokoro model lists its voices; Sample makes a clip that plays here.
        await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Models', exact: true }).click();
        const models = page.getByRole('tabpanel', { name: 'Models' });
        await models.getByRole('radio', { name: /Voice/ }).check();
        await models.getByText(/^6 voices$/).click();
        const list = models.getByRole('list', { name: /^Voices of / });
        await list.getByRole('listitem', { name: 'Heart' }).getByText('American English · female · af_heart').waitFor();
        await list.getByRole('button', { name: 'Sample Heart' }).click();
        const audio = list.getByRole('listitem', { name: 'Heart' }).locator('audio');
        await audio.waitFor();
        await page.waitForFunction(
          (el) => (el as unknown as AudioLike).readyState >= 1 && (el as unknown as AudioLike).src.startsWith('blob:'),
          await audio.elementHandle(),
        );
        await page.screenshot({ path: `${E2E_ARTIFACTS}/voice-kokoro-models.png` });
      },
      { viewport: { width: 1440, height: 1000 }, home },
    );
  },
);
