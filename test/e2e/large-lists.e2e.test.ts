import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { StoryboardState } from '../../preload/contract.js';
import { makeScaleProject } from '../../bench/scale-project.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { ok, showProjectTab, storyboardWhere, waitForFocus } from '../support/storyboard-page.js';
import type { RunningWebHost } from '../support/web-host.js';

/** Enough that neither list fits on screen: what is rendered must be a window onto it. */
/**
 * Predicates run in the page, which this file's types do not describe. They are functions, never strings:
 * Playwright evaluates a string again on every poll, and the studio's CSP (no 'unsafe-eval') refuses that.
 */
interface PageGlobals {
  document: {
    activeElement: { closest(selector: string): { getAttribute(name: string): string | null } | null } | null;
    querySelectorAll(selector: string): { length: number };
  };
}

const focusedRowIs = (page: Page, position: string) =>
  page.waitForFunction(
    (want) => (globalThis as unknown as PageGlobals).document.activeElement?.closest('li')?.getAttribute('aria-posinset') === want,
    position,
  );

const SCENES = 60;
const ASSETS = 150;

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>): Promise<void> {
  return runJourney(browser, `large-lists-${name}`, async (page, host) => {
    await makeScaleProject(host, { title: 'Course', scenes: SCENES, assets: ASSETS });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await run(page, host);
  });
}

/** The focused element's attribute, read in the page. */
function focused(page: Page, attribute: string): Promise<string | null> {
  return page.evaluate(`document.activeElement && document.activeElement.getAttribute(${JSON.stringify(attribute)})`);
}

function cards(panel: Locator): Locator {
  return panel.getByRole('list', { name: 'Scenes' }).locator(':scope > li');
}

test('Virtual storyboard: a window of cards, roving focus with arrows/Home/End, list position for screen readers', { timeout: 240_000 }, async () => {
  await journey('storyboard-keys', async (page) => {
    const panel = await showProjectTab(page);
    await cards(panel).first().waitFor();
    const rendered = await cards(panel).count();
    assert.ok(rendered > 0 && rendered < SCENES / 2, `only the cards near the view are in the DOM (${rendered} of ${SCENES})`);
    assert.equal(await cards(panel).first().getAttribute('aria-setsize'), String(SCENES));
    assert.equal(await cards(panel).first().getAttribute('aria-posinset'), '1');
    assert.equal(await panel.locator('[data-scene-id][tabindex="0"]').count(), 1, 'one card is the Tab stop');

    await cards(panel).first().focus();
    await page.keyboard.press('ArrowDown');
    await waitForFocus(panel.getByRole('listitem', { name: /^Scene 2: / }));
    await page.keyboard.press('End');
    await waitForFocus(panel.getByRole('listitem', { name: /^Scene 60: / }));
    assert.equal(await focused(page, 'aria-posinset'), String(SCENES));
    assert.equal(await focused(page, 'tabindex'), '0', 'the focused card became the Tab stop');
    await page.keyboard.press('ArrowUp');
    await waitForFocus(panel.getByRole('listitem', { name: /^Scene 59: / }));
    await page.keyboard.press('Home');
    await waitForFocus(panel.getByRole('listitem', { name: /^Scene 1: / }));
    assert.ok((await cards(panel).count()) < SCENES / 2, 'the window moved; it did not grow');

    // Search narrows the list; positions count what is shown.
    await panel.getByRole('searchbox', { name: 'Search scenes' }).fill('lesson 42:');
    await panel.getByRole('listitem', { name: /^Scene 42: / }).waitFor();
    assert.equal(await cards(panel).count(), 1);
    assert.equal(await cards(panel).first().getAttribute('aria-setsize'), '1');
  });
});

test('Virtual storyboard: a card dragged past the rendered window lands where it is dropped', { timeout: 240_000 }, async () => {
  await journey('storyboard-drag', async (page, host) => {
    const panel = await showProjectTab(page);
    await cards(panel).first().waitFor();
    const before = await ok<StoryboardState>(host, 'storyboard.get');
    const moving = before.scenes[0]!;
    const panelBox = (await page.locator('#panel-project').boundingBox())!;
    const grip = cards(panel).first().locator('.scene-grip');
    await grip.hover();
    await page.mouse.down();
    await page.mouse.move(panelBox.x + panelBox.width / 2, panelBox.y + panelBox.height / 2);
    await page.mouse.move(panelBox.x + panelBox.width / 2, panelBox.y + panelBox.height / 2 + 8);
    // The panel scrolls under the dragged card (a wheel turn mid-drag), far past the cards rendered at first.
    await page.evaluate(`document.getElementById('panel-project').scrollBy(0, 4000)`);
    const target = panel.getByRole('listitem', { name: /^Scene (1[5-9]|[2-5]\d): / }).first();
    await target.waitFor();
    const targetBox = (await target.boundingBox())!;
    await page.mouse.move(targetBox.x + targetBox.width / 2, targetBox.y + 12);
    await page.mouse.move(targetBox.x + targetBox.width / 2, targetBox.y + 14);
    await page.mouse.up();
    const after = await storyboardWhere(host, (s) => s.scenes.findIndex((scene) => scene.id === moving.id) >= 13, 'the first scene moved far down');
    const rest = after.scenes.filter((scene) => scene.id !== moving.id).map((scene) => scene.id);
    assert.deepEqual(
      rest,
      before.scenes.slice(1).map((scene) => scene.id),
      'the other scenes kept their order',
    );
  });
});

test('Virtual sidebar and gallery: bounded rows, arrows/Home/End, aria positions, search by name, kind and prompt', { timeout: 240_000 }, async () => {
  await journey('sidebar', async (page) => {
    const nav = page.getByRole('navigation', { name: 'Projects and assets' });
    const rows = nav.getByRole('list', { name: 'Assets' }).getByRole('listitem');
    await rows.first().waitFor();
    const rendered = await rows.count();
    assert.ok(rendered < ASSETS / 2, `only the rows near the view are in the DOM (${rendered} of ${ASSETS})`);
    assert.equal(await rows.first().getAttribute('aria-setsize'), String(ASSETS));
    assert.equal(await nav.locator('.asset-item[tabindex="0"]').count(), 1, 'one row is the Tab stop');

    await nav.locator('.asset-item[tabindex="0"]').focus();
    await page.keyboard.press('End');
    await focusedRowIs(page, String(ASSETS));
    await page.keyboard.press('ArrowUp');
    await focusedRowIs(page, String(ASSETS - 1));
    await page.keyboard.press('Home');
    await focusedRowIs(page, '1');

    const search = nav.getByRole('searchbox', { name: 'Search assets' });
    await search.fill('lighthouse variation');
    await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('.asset-item').length === n, 15);
    assert.equal(await rows.first().getAttribute('aria-setsize'), '15', 'the generated pictures, found by their prompt');
    await search.fill('audio');
    await nav.getByRole('button', { name: /^sfx-/ }).first().waitFor();
    assert.equal(await nav.getByRole('button', { name: /^sprite-/ }).count(), 0);
    await search.press('Escape');
    assert.equal(await search.inputValue(), '');

    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
    const gallery = page.getByRole('tabpanel', { name: 'Image' }).getByRole('list', { name: 'Images' });
    const cardsShown = gallery.getByRole('listitem');
    await cardsShown.first().waitFor();
    const images = Number(await cardsShown.first().getAttribute('aria-setsize'));
    assert.ok(images > 50, `the gallery knows every picture (${images})`);
    assert.ok((await cardsShown.count()) < images / 2, 'only the cards near the view are in the DOM');
    assert.ok((await page.locator('img').count()) < 60, 'thumbnails load for what is near the view only');

    // Roving tabindex: one card's buttons are the gallery's Tab stop; arrows, Home and End move it; Enter opens.
    const cardAt = (position: number) => gallery.locator(`[role="listitem"][aria-posinset="${position}"]`);
    const tabStops = () => gallery.locator('[role="listitem"]:has([tabindex="0"])');
    assert.equal(await tabStops().count(), 1, 'one card is the Tab stop');
    assert.equal(
      await gallery
        .locator('[tabindex="0"]')
        .first()
        .evaluate((el: { closest(s: string): { getAttribute(n: string): string | null } | null }) =>
          el.closest('[role="listitem"]')?.getAttribute('aria-posinset'),
        ),
      '1',
    );
    await page
      .getByRole('tabpanel', { name: 'Image' })
      .getByRole('button', { name: /^Show .* in the inspector$/ })
      .first()
      .focus();
    await page.keyboard.press('ArrowRight');
    await waitForFocus(cardAt(2).locator('.image-card-picture'));
    await page.keyboard.press('End');
    await waitForFocus(cardAt(images).locator('.image-card-picture'));
    assert.equal(await focused(page, 'tabindex'), '0', 'the focused card became the Tab stop');
    assert.equal(await tabStops().count(), 1);
    assert.equal(await cardAt(images).getAttribute('aria-setsize'), String(images), 'positions stay those of the whole gallery');
    await page.keyboard.press('Home');
    await waitForFocus(cardAt(1).locator('.image-card-picture'));
    await page.keyboard.press('ArrowRight');
    await waitForFocus(cardAt(2).locator('.image-card-picture'));
    await page.keyboard.press('Enter');
    await gallery.locator('[role="listitem"][aria-posinset="2"][data-selected="true"]').waitFor();
    // Tab leaves the card's own buttons and then the gallery: no other card is on the way.
    const inCardTwo = await cardAt(2).locator('button:not([disabled])').count();
    for (let i = 0; i < inCardTwo; i++) await page.keyboard.press('Tab');
    assert.equal(
      await gallery.evaluate((el: { contains(n: unknown): boolean; ownerDocument: { activeElement: unknown } }) => el.contains(el.ownerDocument.activeElement)),
      false,
      'Tab went past the gallery',
    );
  });
});

test('Virtual Project asset cards: bounded cards, arrows/Home/End between cards, aria positions', { timeout: 240_000 }, async () => {
  await journey('project-assets', async (page) => {
    await page.locator('.project-item-title', { hasText: 'Course' }).waitFor();
    const panel = await showProjectTab(page);
    await panel.getByRole('radio', { name: /^Assets/ }).check();
    const grid = panel.getByRole('list', { name: 'Assets' });
    const shown = grid.getByRole('listitem');
    await shown.first().waitFor();
    const rendered = await shown.count();
    assert.ok(rendered < ASSETS / 2, `only the cards near the view are in the DOM (${rendered} of ${ASSETS})`);
    assert.equal(await shown.first().getAttribute('aria-setsize'), String(ASSETS));
    assert.equal(await shown.first().getAttribute('aria-posinset'), '1');
    await page.screenshot({ path: `${E2E_ARTIFACTS}/large-lists-project-assets-top.png` });

    const cardAt = (position: string) =>
      page.waitForFunction(
        (want) => (globalThis as unknown as PageGlobals).document.activeElement?.closest('[role="listitem"]')?.getAttribute('aria-posinset') === want,
        position,
      );
    await shown.first().getByRole('button').focus();
    await page.keyboard.press('ArrowRight');
    await cardAt('2');
    await page.keyboard.press('End');
    await cardAt(String(ASSETS));
    assert.ok((await shown.count()) < ASSETS / 2, 'the window moved with the focus instead of growing');
    await page.keyboard.press('ArrowLeft');
    await cardAt(String(ASSETS - 1));
    await page.screenshot({ path: `${E2E_ARTIFACTS}/large-lists-project-assets-end.png` });
    await page.keyboard.press('Home');
    await cardAt('1');
    // Down is a whole row: at this width a row holds several cards.
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      () => Number((globalThis as unknown as PageGlobals).document.activeElement?.closest('[role="listitem"]')?.getAttribute('aria-posinset')) > 2,
    );
    // Enter selects the focused card, as a click does.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.activeElement?.closest('[aria-current="true"]') !== null);
  });
});

test(
  'Typing in one scene changes that card only, its save reads neither the assets nor the storyboard again, and another window’s edit is read',
  { timeout: 240_000 },
  async () => {
    await journey('scene-typing', async (page, host) => {
      const panel = await showProjectTab(page);
      const card = panel.getByRole('listitem', { name: /^Scene 2: / });
      const field = card.getByRole('textbox', { name: 'Text of scene 2' });
      await field.click();
      await page.keyboard.press('End');
      const sceneId = await card.getAttribute('data-scene-id');
      // Every change to the list's DOM, by the card it happened in ('list' for the list itself).
      await page.evaluate(`(() => {
      window.__touched = new Set();
      new MutationObserver((records) => {
        for (const record of records) {
          const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
          const card = node && node.closest('[data-scene-id]');
          window.__touched.add(card ? card.getAttribute('data-scene-id') : 'list');
        }
      }).observe(document.querySelector('.scene-list'), { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
      const asked: string[] = [];
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/api/')) asked.push(pathname.slice('/api/'.length));
      });
      const saved = page.waitForResponse((response) => response.url().endsWith('/api/storyboard.edit'));
      // The save's project.changed: the project list is asked for again, the storyboard is not (the
      // edit's answer carries the revision the event announces).
      const listed = page.waitForResponse((response) => response.url().endsWith('/api/projects.list'));
      await page.keyboard.type(' The keeper waits.');
      await Promise.all([saved, listed]);
      await page.waitForFunction(() =>
        Array.from(
          (globalThis as unknown as { document: { querySelectorAll(s: string): { value?: string }[] } }).document.querySelectorAll('.scene-text-input'),
        ).some((input) => input.value?.endsWith('The keeper waits.')),
      );
      assert.deepEqual(await page.evaluate('[...window.__touched]'), [sceneId], 'no other card and not the list itself changed');
      assert.ok(asked.includes('storyboard.edit'), `the text was saved (${asked.join(', ')})`);
      assert.ok(!asked.includes('assets.list'), `a storyboard edit leaves the assets as they were (${asked.join(', ')})`);
      // A skipped read would have been asked in the microtasks after the edit's answer; a frame later it is too late.
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
      assert.ok(!asked.includes('storyboard.get'), `the page holds the edit's answer and reads no storyboard again (${asked.join(', ')})`);

      // Another client's edit carries a revision the page does not hold: the storyboard is read again and shows it.
      const third = (await ok<StoryboardState>(host, 'storyboard.get')).scenes[2] ?? assert.fail('no third scene');
      const elsewhere = page.waitForResponse((response) => response.url().endsWith('/api/storyboard.get'));
      await ok(host, 'storyboard.edit', { op: 'update', sceneId: third.id, changes: { title: 'Changed in another window' } });
      await elsewhere;
      await page.waitForFunction(() =>
        Array.from(
          (globalThis as unknown as { document: { querySelectorAll(s: string): { value?: string }[] } }).document.querySelectorAll('[data-scene-id] input'),
        ).some((input) => input.value === 'Changed in another window'),
      );
    });
  },
);
