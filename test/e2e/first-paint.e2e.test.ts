/**
 * The studio's frame is painted from index.html before the app's script has run, in the
 * cached theme, and is only a picture: inert, hidden from assistive technology, and gone
 * once the studio itself is on screen. The app's script is held back here, so the page is
 * seen exactly as a slow machine shows it in its first second.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Holds the app's entry script until `release` is called; the stylesheet and the frame arrive as usual. */
async function holdAppScript(page: Page): Promise<{ held: Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen!: () => void;
  const held = new Promise<void>((resolve) => (seen = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    seen();
    await released;
    await route.continue();
  });
  return { held, release };
}

/**
 * The frame is in the DOM as soon as it is parsed, but its look arrives with the stylesheet:
 * a query may lay it out before then. Waits for every stylesheet to have loaded.
 */
async function styled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(
      (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ sheet: unknown }> } }).document.querySelectorAll(
        'link[rel="stylesheet"]',
      ),
    ).every((link) => link.sheet !== null),
  );
}

// Strings, not functions: the tests are compiled without the DOM's types.
const headerBackground = (page: Page) => page.evaluate<string>(`getComputedStyle(document.querySelector('.boot-frame .app-header')).backgroundColor`);

test(
  'the frame paints before the script runs: the brand shows, nothing in it can be used or announced, and the studio replaces it',
  { timeout: 120_000 },
  async () => {
    await journey(browser, 'first-paint', async (page, host) => {
      const script = await holdAppScript(page);
      await page.goto(host.url, { waitUntil: 'commit' });
      await script.held;
      const frame = page.locator('.boot-frame');
      await frame.getByText('Atelier', { exact: true }).waitFor();
      await styled(page);
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'first-paint-frame.png') });
      assert.equal(await frame.getAttribute('aria-hidden'), 'true');
      assert.equal(await page.evaluate<boolean>(`document.querySelector('.boot-frame').inert`), true, 'the frame takes no focus or clicks');
      // Nothing of it is in the accessibility tree: no heading, no tab, no button.
      assert.equal(await page.getByRole('heading').count(), 0);
      assert.equal(await page.getByRole('tab').count(), 0);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate<boolean>('document.activeElement === document.body'), true, 'Tab finds nothing to focus in the frame');

      script.release();
      await page.getByRole('tablist', { name: 'Workspace' }).waitFor();
      assert.equal(await frame.count(), 0, 'the studio replaced the frame');
      const shown = await page.evaluate(() => performance.getEntriesByName('atelier:studio-shown').length);
      assert.equal(shown, 1, 'the studio marks when it was first on screen, once');
    });
  },
);

test('a dark-theme user sees a dark frame before the script runs; a light one a light frame', { timeout: 120_000 }, async () => {
  const backgrounds: Record<string, string> = {};
  for (const theme of ['dark', 'light'] as const) {
    await journey(browser, `first-paint-${theme}`, async (page, host) => {
      // The system asks for the opposite, so only the cached choice can make the frame this theme.
      await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
      await page.addInitScript(`window.localStorage.setItem('atelier.theme', '${theme}')`);
      const script = await holdAppScript(page);
      await page.goto(host.url, { waitUntil: 'commit' });
      await script.held;
      await page.locator('.boot-frame').getByText('Atelier', { exact: true }).waitFor();
      await styled(page);
      assert.equal(await page.evaluate<string>('document.documentElement.dataset.theme'), theme);
      backgrounds[theme] = await headerBackground(page);
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, `first-paint-frame-${theme}.png`) });
      script.release();
      await page.getByRole('tablist', { name: 'Workspace' }).waitFor();
    });
  }
  const luminance = (colour: string) => {
    const [r = 0, g = 0, b = 0] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  assert.ok(luminance(backgrounds.dark ?? '') < 80, `dark frame header ${backgrounds.dark}`);
  assert.ok(luminance(backgrounds.light ?? '') > 200, `light frame header ${backgrounds.light}`);
});
