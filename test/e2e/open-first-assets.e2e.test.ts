import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { FIRST_ASSETS, type Asset, type ProjectSummary, type StoryboardState } from '../../preload/contract.js';
import { scaleProjectHome } from '../../bench/scale-project.js';
import { launchChromium } from '../support/chromium.js';
import { journey } from '../support/journey.js';
import { card, ok, showProjectTab } from '../support/storyboard-page.js';

// Opening a project asks for its newest FIRST_ASSETS (100) assets (assets.list { limit }) and then for the
// whole list: the sidebar ends up knowing every asset, search finds the oldest, and a scene
// whose picture is older than the first page never shows it as missing meanwhile.

const SPEC = { title: 'Paged project', scenes: 4, assets: 130 };

interface PageGlobals {
  __sawMissing: boolean;
  document: { body: unknown; querySelector(selector: string): { textContent: string | null } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
}

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('Opening a large project: the first page of assets, then the whole list; no scene shows a picture missing meanwhile', { timeout: 600_000 }, async () => {
  const home = await scaleProjectHome(SPEC);
  await journey(
    browser,
    'open-first-assets',
    async (page, host) => {
      const paged = (await ok<ProjectSummary[]>(host, 'projects.list')).find((project) => project.title === SPEC.title);
      assert.ok(paged, 'the project is in the data folder');
      await ok(host, 'projects.open', { id: paged.id });
      const assets = await ok<Asset[]>(host, 'assets.list');
      assert.equal(assets.length, SPEC.assets);
      // The oldest picture (a generated one, made first) is far past the first page.
      const oldest = assets.findLast((asset) => asset.kind === 'image');
      assert.ok(oldest && assets.indexOf(oldest) >= FIRST_ASSETS, 'the oldest picture is not among the newest 100');
      const first = (await ok<StoryboardState>(host, 'storyboard.get')).scenes[0];
      assert.ok(first);
      await ok(host, 'storyboard.edit', { op: 'update', sceneId: first.id, changes: { imageAssetId: oldest.id } });
      // Another project is open when the page loads, so the click below is a real open.
      await ok(host, 'projects.create', { title: 'Other' });

      const bodies: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/assets.list')) bodies.push(request.postData() ?? '');
      });
      // The page's load lists the other project's assets; that request must have gone (on a busy
      // machine it can leave after the tab shows) before the count below starts.
      const otherList = page.waitForResponse((response) => response.url().endsWith('/api/assets.list'));
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      const panel = await showProjectTab(page);
      await otherList;
      // Watches every change to the page from before the click: a "Picture missing" shown for even one frame is caught.
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        g.__sawMissing = false;
        new g.MutationObserver(() => {
          if (g.document.querySelector('.scene-picture-hint')?.textContent?.includes('Picture missing')) g.__sawMissing = true;
        }).observe(g.document.body, { childList: true, subtree: true, characterData: true });
      });
      bodies.length = 0;
      await page.locator('.project-item', { hasText: SPEC.title }).click();

      // The first card's picture is the oldest asset: it shows once the whole list is in.
      await card(panel, 0)
        .getByRole('img', { name: `Picture of scene 1: ${oldest.name}` })
        .waitFor({ timeout: 120_000 });
      const nav = page.getByRole('navigation', { name: 'Projects and assets' });
      const rows = nav.getByRole('list', { name: 'Assets' }).getByRole('listitem');
      await nav.locator(`li[aria-setsize="${SPEC.assets}"]`).first().waitFor();
      assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__sawMissing), false, 'no scene showed its picture as missing');
      assert.deepEqual(
        bodies.map((body) => JSON.parse(body) as unknown),
        [{ limit: FIRST_ASSETS }, {}],
        'the open asked for the first page, then the whole list, once each',
      );

      // Search reaches past the first page: the oldest picture, by its prompt.
      await nav.getByRole('searchbox', { name: 'Search assets' }).fill('lighthouse at dusk, variation 1');
      await nav.getByRole('button', { name: oldest.name }).waitFor();
      assert.ok((await rows.count()) >= 1);
    },
    { home },
  );
});
