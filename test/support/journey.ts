import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, startWebHostProcess, type RunningWebHost } from './web-host.js';

export const E2E_ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');

export interface JourneyOptions {
  env?: NodeJS.ProcessEnv;
  /** A data folder prepared before the host starts (a model imported); removed afterwards like a fresh one. */
  home?: string;
  viewport?: { width: number; height: number };
  /** Lets the test inject a checker's script (axe-core) past the studio's CSP, in this test context only. */
  bypassCSP?: boolean;
}

/**
 * One browser journey: its own data folder and web host, a fresh context, and a
 * screenshot in test-artifacts/e2e when anything fails. Uncaught page errors and
 * error alerts fail the journey too, since the studio promises no silent failure.
 */
export async function journey(
  browser: Browser,
  name: string,
  run: (page: Page, host: RunningWebHost) => Promise<void>,
  options: JourneyOptions = {},
): Promise<void> {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  const host = await startWebHostProcess({ ...(options.env && { env: options.env }), ...(options.home && { home: options.home }) });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await run(page, host);
    assert.deepEqual(pageErrors, [], 'the page threw no uncaught errors');
    assert.deepEqual(await page.getByRole('alert').allTextContents(), [], 'no error was shown');
  } catch (error) {
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, `failure-${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  }
}
