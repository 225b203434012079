import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { type RunningWebHost } from '../support/web-host.js';

const TABS = ['Write', 'Image', 'Voice', 'Project', 'Models'] as const;

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Every studio journey starts on a freshly loaded page. */
function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>): Promise<void> {
  return runJourney(browser, name, async (page, host) => {
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await run(page, host);
  });
}

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Projects and assets' });
}

async function createProject(page: Page, title: string): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'New project', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Project title').fill(title);
  // Enter submits the dialog's form.
  await dialog.getByLabel('Project title').press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await openProjectButton(page, title).waitFor();
}

/** The sidebar entry of the open project: it carries aria-current. */
function openProjectButton(page: Page, title: string) {
  return sidebar(page).locator('[aria-current="true"]').getByText(title, { exact: true });
}

/** Minimal shapes of the DOM objects the checks touch (this file compiles without the DOM lib). */
interface ElementLike {
  ownerDocument: { activeElement: unknown };
}
interface ImageLike {
  src: string;
  naturalWidth: number;
  decode(): Promise<void>;
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el: ElementLike) => el === el.ownerDocument.activeElement);
}

/** What has focus, and whether the browser draws a visible indicator for it. */
async function focusState(page: Page): Promise<{ role: string | null; text: string; focusVisible: boolean; ring: boolean }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { role: null, text: '', focusVisible: false, ring: false };
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { role: el.getAttribute('role'), text: el.textContent.trim(), focusVisible: el.matches(':focus-visible'), ring };
  })()`);
}

async function assertTabActive(page: Page, label: string): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: label, exact: true });
  assert.equal(await tab.getAttribute('aria-selected'), 'true', `${label} is the selected tab`);
  await page.getByRole('tabpanel', { name: label, exact: true }).waitFor({ state: 'visible' });
  const panels = await page.getByRole('tabpanel').count();
  assert.equal(panels, 1, 'only the active panel is shown');
  const focus = await focusState(page);
  assert.equal(focus.role, 'tab', 'focus stays on the tablist');
  assert.equal(focus.text, label, `${label} has focus`);
  assert.ok(focus.focusVisible && focus.ring, `${label} shows a visible focus ring`);
}

test('create a project with the New project dialog; it survives a reload and stays open', { timeout: 90_000 }, async () => {
  await journey('create-project', async (page) => {
    await sidebar(page).getByText('No projects yet').waitFor();

    // Esc cancels and focus goes back to the button that opened the dialog.
    const newProject = sidebar(page).getByRole('button', { name: 'New project', exact: true });
    await newProject.click();
    await page.getByRole('dialog', { name: 'New project' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New project' }).waitFor({ state: 'detached' });
    assert.equal(await isFocused(newProject), true, 'focus is back on New project');

    await createProject(page, 'Harbour Night');
    await page.getByRole('banner').getByText('Harbour Night').waitFor();
    assert.ok(!page.url().includes('token='), 'the key is taken out of the address bar');

    await page.reload();
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await openProjectButton(page, 'Harbour Night').waitFor();
    await page.getByRole('banner').getByText('Harbour Night').waitFor();
    assert.equal(
      await sidebar(page)
        .getByRole('button', { name: /^Harbour Night/ })
        .count(),
      1,
    );
  });
});

test('rename a project and move it to the trash from its menu', { timeout: 90_000 }, async () => {
  await journey('rename-delete', async (page) => {
    await createProject(page, 'Harbour Night');

    await sidebar(page).getByRole('button', { name: 'More actions for Harbour Night' }).click();
    await page.getByRole('menu', { name: 'Actions for Harbour Night' }).getByRole('menuitem', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename project' });
    await rename.getByLabel('Project title').fill('Harbour at Dawn');
    await rename.getByRole('button', { name: 'Rename', exact: true }).click();
    await rename.waitFor({ state: 'detached' });
    await openProjectButton(page, 'Harbour at Dawn').waitFor();

    const menuButton = sidebar(page).getByRole('button', { name: 'More actions for Harbour at Dawn' });
    await menuButton.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Move “Harbour at Dawn” to the trash?' });
    await confirm.getByText('It stays in Atelier’s data folder.').waitFor();
    await confirm.getByRole('button', { name: 'Move to trash' }).click();
    await confirm.waitFor({ state: 'detached' });
    await sidebar(page).getByText('No projects yet').waitFor();
    await page.getByRole('banner').getByText('No project open').waitFor();
  });
});

test('keyboard only: arrows, Home/End and Ctrl+1…5 move across all five tabs with a visible focus ring', { timeout: 90_000 }, async () => {
  await journey('keyboard-tabs', async (page) => {
    // The skip links are the first stops in the tab order (shown only when focused), then the tablist.
    await page.keyboard.press('Tab');
    assert.match((await focusState(page)).text, /^Skip to the /, 'a skip link comes first');
    for (let stops = 0; stops < 5 && (await focusState(page)).role !== 'tab'; stops += 1) await page.keyboard.press('Tab');
    await assertTabActive(page, 'Write');

    for (const label of TABS.slice(1)) {
      await page.keyboard.press('ArrowRight');
      await assertTabActive(page, label);
    }
    await page.keyboard.press('ArrowRight');
    await assertTabActive(page, 'Write');
    await page.keyboard.press('ArrowLeft');
    await assertTabActive(page, 'Models');
    await page.keyboard.press('Home');
    await assertTabActive(page, 'Write');
    await page.keyboard.press('End');
    await assertTabActive(page, 'Models');

    for (const [index, label] of TABS.entries()) {
      await page.keyboard.press(`Control+${index + 1}`);
      await assertTabActive(page, label);
    }

    // The roving tabindex leaves one tab stop: Tab moves on to Settings.
    await page.keyboard.press('Tab');
    const settings = page.getByRole('button', { name: 'Settings', exact: true });
    assert.equal(await isFocused(settings), true, 'Settings is next after the tabs');
    const focus = await focusState(page);
    assert.ok(focus.focusVisible && focus.ring, 'Settings shows a visible focus ring');

    // Ctrl+, opens Settings, Esc closes it and focus returns.
    await page.keyboard.press('Control+Comma');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('radio', { name: 'System' }).waitFor();
    await dialog.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await isFocused(settings), true, 'focus is back on Settings');
  });
});

test('import a PNG through the file input; the job finishes and the asset shows a thumbnail; keep a screenshot', { timeout: 90_000 }, async () => {
  await journey('import-png', async (page) => {
    await createProject(page, 'Harbour Night');
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3d4f7d' } })
      .png()
      .toBuffer();

    await page.getByLabel('Import files', { exact: true }).setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: png });

    const tray = page.getByRole('region', { name: 'Jobs' });
    // Idle, the tray is one line; its finished jobs show on demand.
    await tray.getByRole('button', { name: 'Show finished jobs' }).click();
    const job = tray.getByRole('listitem').filter({ hasText: 'Import harbour.png' });
    await job.filter({ hasText: 'Done' }).waitFor();
    assert.equal(await tray.getByRole('progressbar').count(), 0, 'no job is still running');

    const asset = sidebar(page).getByRole('button', { name: /^harbour\.png/ });
    await asset.waitFor();
    // The thumbnail is decorative (alt=""), so it has no role to find it by; check that it really decoded.
    const thumbnail = asset.locator('img');
    await thumbnail.waitFor();
    const decoded = await thumbnail.evaluate((img: ImageLike) => img.decode().then(() => ({ width: img.naturalWidth, blob: img.src.startsWith('blob:') })));
    assert.ok(decoded.width > 0 && decoded.blob, 'the thumbnail is a decoded image fetched with the token');

    await asset.click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByText('64 × 48 px').waitFor();
    await inspector.getByText('image/png').waitFor();

    await page.keyboard.press('Control+4');
    // The Project tab opens on its storyboard; the asset grid is one switch away.
    await page
      .getByRole('tabpanel', { name: 'Project' })
      .getByRole('radio', { name: /^Assets/ })
      .check();
    await page
      .getByRole('tabpanel', { name: 'Project' })
      .getByRole('button', { name: /^harbour\.png/ })
      .waitFor();

    const screenshot = path.join(E2E_ARTIFACTS, 'studio.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.ok((await fs.stat(screenshot)).size > 10_000, 'the screenshot has content');
  });
});

test('files dropped onto the window from the file manager are imported into the open project', { timeout: 90_000 }, async () => {
  await journey('drop-files', async (page) => {
    await createProject(page, 'Dropped Things');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#7d3d4f' } })
      .png()
      .toBuffer();
    // What the browser hands a page when files come from the file manager: a DataTransfer of Files.
    const drag = await page.evaluateHandle(
      ({ bytes }) => {
        // The test's types are Node's; in the page these are the browser's own classes.
        const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } } };
        const transfer = new page.DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
        transfer.items.add(new File(['A line of notes.\n'], 'notes.md', { type: 'text/markdown' }));
        return transfer;
      },
      { bytes: [...png] },
    );
    const target = page.getByRole('tabpanel', { name: 'Write' });
    await target.dispatchEvent('dragenter', { dataTransfer: drag });
    await page.getByRole('status').filter({ hasText: 'Drop to import into “Dropped Things”' }).waitFor();
    await target.dispatchEvent('dragover', { dataTransfer: drag });
    await target.dispatchEvent('drop', { dataTransfer: drag });
    await page.getByRole('status').filter({ hasText: 'Drop to import' }).waitFor({ state: 'detached' });

    const tray = page.getByRole('region', { name: 'Jobs' });
    await tray.getByRole('button', { name: 'Show finished jobs' }).click();
    await tray.getByRole('listitem').filter({ hasText: 'Import dropped.png' }).filter({ hasText: 'Done' }).waitFor();
    await tray.getByRole('listitem').filter({ hasText: 'Import notes.md' }).filter({ hasText: 'Done' }).waitFor();
    await sidebar(page)
      .getByRole('button', { name: /^dropped\.png/ })
      .waitFor();
    await sidebar(page)
      .getByRole('button', { name: /^notes\.md/ })
      .waitFor();
  });
});
