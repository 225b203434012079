import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Asset } from '../../preload/contract.js';
import { ok, settled } from '../support/api-calls.js';
import { launchChromium } from '../support/chromium.js';
import { card, waitForFocus } from '../support/storyboard-page.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import type { RunningWebHost } from '../support/web-host.js';

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(E2E_ARTIFACTS, `details-${name}.png`) });

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('radio', { name: theme }).check();
  await dialog.getByRole('button', { name: /^Close/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function makePicture(host: RunningWebHost): Promise<Asset> {
  const { jobId } = await ok<{ jobId: string }>(host, 'image.generate', {
    engine: 'procedural',
    template: 'title-card',
    prompt: 'night harbour',
    text: 'Harbour at Midnight',
    width: 640,
    height: 360,
    seed: 4237820089,
  });
  const job = await settled(host, jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const [picture] = (await ok<Asset[]>(host, 'assets.list')).filter((asset) => asset.kind === 'image');
  return picture ?? assert.fail('no picture');
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** No button of the storyboard lies under the toast. */
async function assertUncovered(toast: Locator, storyboard: Locator) {
  const box = (await toast.boundingBox()) ?? assert.fail('the toast has no box');
  for (const button of await storyboard.getByRole('button').all()) {
    const under = await button.boundingBox();
    if (under) assert.ok(!overlaps(box, under), `the toast covers “${(await button.getAttribute('aria-label')) ?? (await button.textContent())}”`);
  }
}

test(
  'details: readable picture names, Took, desktop-only settings hidden, project facts once, an overview strip, toasts beside the work',
  { timeout: 240_000 },
  async () => {
    await journey(
      browser,
      'details',
      async (page, host) => {
        await ok(host, 'projects.create', { title: 'Harbour Night' });
        const picture = await makePicture(host);
        // The name reads as what it shows; the seed is in the record (and the PNG), not the name.
        assert.equal(picture.name, 'harbour-at-midnight.png');
        assert.equal(picture.origin.seed, 4237820089);
        await ok(host, 'storyboard.edit', { op: 'add', title: 'The harbour', text: 'Lights on the water.' });
        const withScene = await ok<{ scenes: { id: string }[] }>(host, 'storyboard.edit', {
          op: 'add',
          title: 'The lighthouse keeper climbs the long spiral stairs at dusk',
        });
        const second = withScene.scenes[1] ?? assert.fail('no second scene');
        await ok(host, 'storyboard.edit', { op: 'update', sceneId: second.id, changes: { imageAssetId: picture.id, video: { durationSeconds: 12 } } });

        await page.goto(host.url);
        await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
        const sidebar = page.getByRole('navigation', { name: 'Projects and assets' });
        const inspector = page.getByRole('complementary', { name: 'Inspector' });

        // An image's time is how long it took to make, not a duration.
        await sidebar.getByText('harbour-at-midnight.png', { exact: true }).click();
        await inspector.getByText('Took', { exact: true }).waitFor();
        assert.equal(await inspector.getByText('Duration', { exact: true }).count(), 0);

        // Settings in the browser: no desktop-only API server switch.
        await page.keyboard.press('Control+,');
        const settings = page.getByRole('dialog', { name: 'Settings' });
        await settings.getByLabel('Export folder').waitFor();
        assert.equal(await settings.getByLabel('API port').count(), 0);
        assert.equal(await settings.getByText(/Serve the OpenAI-compatible API/).count(), 0);
        await settings.getByRole('button', { name: /^Close/ }).click();

        // The Project tab: its facts once (the inspector has them at this width), and the overview strip.
        await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
        const panel = page.getByRole('tabpanel', { name: 'Project' });
        await panel.waitFor();
        const overview = panel.getByRole('navigation', { name: 'Storyboard overview' });
        await overview.getByText('2 scenes · 16 s').waitFor();
        const strip = overview.getByRole('button');
        assert.deepEqual(await strip.evaluateAll((buttons) => buttons.map((b) => b.textContent)), [
          'Scene 1: The harbour, 4 s',
          'Scene 2: The lighthouse keeper climbs the long spiral stairs at dusk, 12 s',
        ]);
        // A long scene is drawn wider, and a cut title keeps its whole text in a tooltip.
        const [one, two] = await strip.evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().width));
        assert.ok((two ?? 0) > (one ?? 0), `12 s is wider than 4 s (${one} vs ${two})`);
        assert.equal(await strip.nth(1).getAttribute('title'), 'Scene 2: The lighthouse keeper climbs the long spiral stairs at dusk · 12 s');
        await overview.scrollIntoViewIfNeeded();
        await shot(page, 'overview-1280x720-light');
        // One Tab stop; arrows move along it; Enter brings the card into view with the focus.
        assert.deepEqual(await strip.evaluateAll((buttons) => buttons.map((b) => b.tabIndex)), [0, -1]);
        await strip.first().focus();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await waitForFocus(card(panel, 1));

        const projectPath = (await ok<{ path: string }>(host, 'projects.current')).path;
        assert.equal(await page.getByText(projectPath, { exact: true }).filter({ visible: true }).count(), 1, 'the folder is shown once');
        await shot(page, 'project-1280x720-light');
        await page.setViewportSize({ width: 1024, height: 768 });
        // Narrow: the inspector goes, and the Project tab shows the folder itself.
        await panel.getByText(projectPath, { exact: true }).waitFor();
        assert.equal(await page.getByText(projectPath, { exact: true }).filter({ visible: true }).count(), 1);
        // Names the sidebar cuts short keep their whole text in a tooltip.
        const cut = sidebar.getByText('harbour-at-midnight.png', { exact: true });
        assert.ok(await cut.evaluate((el) => el.scrollWidth > el.clientWidth), 'the name is cut at this width');
        assert.equal(await cut.getAttribute('title'), 'harbour-at-midnight.png');
        await shot(page, 'project-1024x768-light');
        await page.setViewportSize({ width: 1280, height: 720 });

        // An error stays until closed, says only what applies, and covers none of the scene's buttons.
        await ok(host, 'storyboard.edit', { op: 'update', sceneId: second.id, changes: { title: '' } });
        const storyboard = panel.getByRole('region', { name: 'Storyboard' });
        await storyboard.getByRole('group', { name: 'Make for scene 2' }).getByRole('button', { name: 'Write' }).click();
        const error = page.getByRole('alert').filter({ hasText: 'Could not write the scene' });
        await error.waitFor();
        assert.doesNotMatch((await error.textContent()) ?? '', /Check the values/, 'no generic cause beside the message’s own step');
        await assertUncovered(error, storyboard);
        await setTheme(page, 'Dark');
        await shot(page, 'project-1280x720-dark-error');
        await page.setViewportSize({ width: 1024, height: 768 });
        await assertUncovered(error, storyboard);
        await shot(page, 'project-1024x768-dark-error');
        await error.getByRole('button', { name: 'Dismiss' }).click();
        await error.waitFor({ state: 'detached' });

        // A calm toast goes by itself.
        await storyboard.getByRole('button', { name: 'Delete scene 1' }).click();
        const deleted = page.getByRole('status').filter({ hasText: 'Scene deleted' });
        await deleted.waitFor();
        await deleted.waitFor({ state: 'detached', timeout: 60_000 });
      },
      { viewport: { width: 1280, height: 720 } },
    );
  },
);
