import fs from 'node:fs/promises';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobSchema } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { callApi, startWebHostProcess } from '../support/web-host.js';

// Jobs live in main: a page reload must find a running job again, and cancel it from the tray.
test('a running job survives a page reload and is cancelled from the job tray', { timeout: 90_000 }, async () => {
  const host = await startWebHostProcess();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await callApi(host, 'projects.create', { title: 'Long render' });
    // Ten minutes of rain renders for several seconds on two cores: long enough to reload in between.
    const started = await callApi(host, 'sound.generate', { kind: 'ambience', preset: 'rain', seconds: 600, seed: 7 });
    assert.equal(started.status, 200, JSON.stringify(started.error));
    const { jobId } = started.result as { jobId: string };
    const jobs = (await callApi(host, 'jobs.list')).result as unknown[];
    const job = JobSchema.parse(jobs.map((j) => JobSchema.parse(j)).find((j) => j.id === jobId));

    await page.goto(host.url);
    const tray = page.getByRole('region', { name: 'Jobs' });
    const progress = tray.getByRole('progressbar', { name: `Progress of ${job.title}` });
    await progress.waitFor();

    await page.reload();
    await progress.waitFor();
    // A function, not a string: Playwright evaluates a string again on every poll, which the studio's CSP refuses.
    await page.waitForFunction((title) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
      return Number(doc.querySelector(`[role="progressbar"][aria-label="Progress of ${title}"]`)?.getAttribute('aria-valuenow') ?? 0) > 0;
    }, job.title);

    await tray.getByRole('button', { name: `Cancel ${job.title}` }).click();
    await progress.waitFor({ state: 'detached' });
    const after = ((await callApi(host, 'jobs.list')).result as unknown[]).map((j) => JobSchema.parse(j)).find((j) => j.id === jobId);
    assert.equal(after?.state, 'cancelled');
    assert.equal(after?.error?.code, 'CANCELLED');
    const assets = (await callApi(host, 'assets.list')).result as unknown[];
    assert.equal(assets.length, 0, 'a cancelled render leaves no asset');
  } catch (error) {
    await fs.mkdir('test-artifacts/e2e', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/e2e/failure-job-reload.png', fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  }
});
