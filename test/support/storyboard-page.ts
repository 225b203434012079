import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { Job, StoryboardState } from '../../preload/contract.js';
import { callApi, type RunningWebHost } from './web-host.js';

/** A contract call through the web host that must succeed; its result. */
export async function ok<T>(host: RunningWebHost, name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host, name, input);
  assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

/** Polls jobs.list until the job is no longer queued or running. */
export async function settled(host: RunningWebHost, jobId: string, timeoutMs = 60_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = (await ok<Job[]>(host, 'jobs.list')).find((j) => j.id === jobId);
    if (job && job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Polls main's storyboard until `check` holds (saves are debounced, jobs take a moment). */
export async function storyboardWhere(host: RunningWebHost, check: (state: StoryboardState) => boolean, what: string, timeoutMs = 15_000): Promise<StoryboardState> {
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

export async function waitForFocus(locator: Locator, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await locator.evaluate((el: ElementLike) => el.ownerDocument.activeElement === el))) {
    if (Date.now() > deadline) assert.fail('the element never got the focus');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
