import type { Page } from 'playwright-core';

/** What the page saw of a run's status while it ran: each detail line, bar value and scene title list. */
export interface SeenProgress {
  details: string[];
  values: string[];
  titles: string[][];
}

/** The few DOM pieces the recorder uses; the test is typed for Node, where there is no DOM. */
interface PageGlobals {
  document: {
    body: unknown;
    querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  __seenProgress?: SeenProgress;
}

/**
 * Records, on every DOM change, the prompt run's detail line, its bar's value and the scene titles
 * it lists, so a test can tell that the run showed life (a moving bar, titles as they came) even
 * when a step is too quick to catch by polling.
 */
export async function recordPromptRun(page: Page): Promise<void> {
  // No named functions inside: tsx would wrap them in a `__name` helper that the page does not have.
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const seen: SeenProgress = { details: [], values: [], titles: [] };
    g.__seenProgress = seen;
    new g.MutationObserver(() => {
      const status = '[role="status"][aria-label="Storyboard from a prompt"]';
      const detail = g.document.querySelector(`${status} .storyboard-progress-text`)?.textContent;
      if (detail && seen.details.at(-1) !== detail) seen.details.push(detail);
      const value = g.document.querySelector(`${status} [role="progressbar"]`)?.getAttribute('aria-valuenow');
      if (value && seen.values.at(-1) !== value) seen.values.push(value);
      const titles = Array.from(g.document.querySelectorAll(`${status} .prompt-run-scenes li`), (li) => li.textContent ?? '');
      if (titles.length > 0 && titles.join('\n') !== seen.titles.at(-1)?.join('\n')) seen.titles.push(titles);
    }).observe(g.document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export async function seenPromptRun(page: Page): Promise<SeenProgress> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__seenProgress ?? { details: [], values: [], titles: [] });
}
