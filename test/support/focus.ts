import type { Locator } from 'playwright-core';
import { waitFor } from './wait-for.js';

/** The tests compile without the DOM's types: only what the check touches. */
type InDocument = { ownerDocument: { activeElement: unknown } };

/** Waits until `target` holds the keyboard focus (document.activeElement is that element). */
export async function waitForFocus(target: Locator, what: string): Promise<void> {
  await waitFor(`the focus on ${what}`, () => target.evaluate((el: InDocument) => el.ownerDocument.activeElement === el).catch(() => false), {
    timeoutMs: 60_000,
    intervalMs: 100,
  });
}
