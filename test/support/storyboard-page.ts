import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { StoryboardState } from '../../preload/contract.js';
import type { RunningWebHost } from './web-host.js';
export { ok, settled } from './api-calls.js';
import { ok } from './api-calls.js';

/** Polls main's storyboard until `check` holds (saves are debounced, jobs take a moment). */
export async function storyboardWhere(
  host: RunningWebHost,
  check: (state: StoryboardState) => boolean,
  what: string,
  timeoutMs = 300_000,
): Promise<StoryboardState> {
  const deadline = Date.now() + timeoutMs;
  let state = await ok<StoryboardState>(host, 'storyboard.get');
  while (!check(state)) {
    if (Date.now() > deadline) assert.fail(`${what}; the storyboard is ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await ok<StoryboardState>(host, 'storyboard.get');
  }
  return state;
}

export const titles = (state: StoryboardState) => state.scenes.map((scene) => scene.title);

/** Switches the studio (already loaded) to the Project tab and returns its panel. */
export async function showProjectTab(page: Page): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Project' });
  await panel.waitFor();
  return panel;
}

export async function openProjectTab(page: Page, host: RunningWebHost): Promise<Locator> {
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
  return showProjectTab(page);
}

/** The storyboard card at `index` (0-based). */
export function card(panel: Locator, index: number): Locator {
  return panel.getByRole('list', { name: 'Scenes' }).locator(':scope > li').nth(index);
}

/** The test runs in Node; only the page has a DOM, so the element is typed by what is read from it. */
interface ElementLike {
  ownerDocument: { activeElement: unknown };
}

export async function waitForFocus(locator: Locator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await locator.evaluate((el: ElementLike) => el.ownerDocument.activeElement === el))) {
    if (Date.now() > deadline) assert.fail('the element never got the focus');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
