// The page's size does not follow the project's: the Project tab and the Image tab of a
// 500-scene/2,000-asset project hold about as many DOM nodes and `<img>` elements as those of a
// 5-scene one. Counts only, no timing. The projects come from bench/scale-project.ts (cached
// per machine: the first run makes the large one through the contract, which takes minutes).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ProjectSummary } from '../../preload/contract.js';
import { LARGE, scaleProjectHome, type ScaleSpec } from '../../bench/scale-project.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { ok } from '../support/storyboard-page.js';

const FEW: ScaleSpec = { title: 'Five scenes', scenes: 5, assets: 20 };

interface Census {
  nodes: number;
  images: number;
}

interface Counted {
  project: Census;
  gallery: Census;
}

// Read in the page; this file is type-checked without the DOM's types.
const CENSUS = `({ nodes: document.getElementsByTagName('*').length, images: document.getElementsByTagName('img').length })`;

interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<{ complete: boolean }> };
}

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Counts once every picture on the page has arrived (thumbnails load as they come near the view). */
async function census(page: Page): Promise<Census> {
  await page.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('img')).every((image) => image.complete));
  return page.evaluate<Census>(CENSUS);
}

function shot(spec: ScaleSpec, what: string): string {
  return path.join(E2E_ARTIFACTS, `scale-bounds-${spec.scenes}-${spec.assets}-${what}.png`);
}

/** Opens the spec's project in the studio and counts the Project tab (storyboard, overview strip, sidebar) and the Image tab. */
async function count(spec: ScaleSpec, screenshots: boolean): Promise<Counted> {
  const home = await scaleProjectHome(spec, (line) => console.log(line));
  let counted: Counted | undefined;
  await journey(
    browser,
    `scale-bounds-${spec.scenes}`,
    async (page, host) => {
      const made = (await ok<ProjectSummary[]>(host, 'projects.list')).find((project) => project.title === spec.title);
      assert.ok(made, `${spec.title} was made`);
      await ok(host, 'projects.open', { id: made.id });
      await page.goto(host.url);
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: 'Project' });
      await panel.getByRole('list', { name: 'Scenes' }).locator(':scope > li').first().waitFor({ timeout: 300_000 });
      await page.locator('.asset-item').first().waitFor({ timeout: 300_000 });
      const project = await census(page);
      if (screenshots) await page.screenshot({ path: shot(spec, 'project') });

      if (screenshots) {
        // The sidebar's search at 2,000 assets: a word from the generated pictures' prompts.
        const search = page.getByRole('searchbox', { name: 'Search assets' });
        await search.fill('lighthouse');
        await page.locator('.asset-item').first().waitFor();
        await census(page);
        await page.screenshot({ path: shot(spec, 'sidebar-search') });
        await search.fill('');
      }

      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
      const firstCard = page.getByRole('tabpanel', { name: 'Image' }).getByRole('list', { name: 'Images' }).getByRole('listitem').first();
      await firstCard.waitFor({ timeout: 300_000 });
      // The gallery sits under the generate form: scrolled to, its rows around the view are made and counted too.
      await firstCard.scrollIntoViewIfNeeded();
      const gallery = await census(page);
      if (screenshots) await page.screenshot({ path: shot(spec, 'gallery') });
      counted = { project, gallery };
    },
    { home },
  );
  assert.ok(counted);
  console.log(`${spec.scenes} scenes / ${spec.assets} assets: ${JSON.stringify(counted)}`);
  return counted;
}

test('A 500-scene, 2,000-asset project puts about as many DOM nodes and pictures on the page as a 5-scene one', { timeout: 1_800_000 }, async () => {
  const few = await count(FEW, false);
  const many = await count(LARGE, true);
  for (const tab of ['project', 'gallery'] as const) {
    // The large project fills the view where the small one leaves it half empty, hence a factor,
    // not equality; a list made whole would put at least one node per asset on the page.
    assert.ok(many[tab].nodes <= 2 * few[tab].nodes, `${tab}: ${many[tab].nodes} nodes beside ${few[tab].nodes}`);
    assert.ok(many[tab].nodes < LARGE.assets, `${tab}: ${many[tab].nodes} nodes for ${LARGE.assets} assets`);
    assert.ok(many[tab].images <= few[tab].images + 20, `${tab}: ${many[tab].images} <img> beside ${few[tab].images}`);
    assert.ok(many[tab].images < LARGE.scenes / 10, `${tab}: ${many[tab].images} <img> for ${LARGE.scenes} scenes`);
  }
});
