import fs from 'node:fs/promises';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingsSchema } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { callApi, startWebHostProcess } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';

test('generation settings chosen in the dialog are saved in main and shown again after a reload', { timeout: 60_000 }, async () => {
  const host = await startWebHostProcess();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(host.url);
    await page.getByRole('tablist').waitFor();
    await page.keyboard.press('Control+,');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Context size (tokens)').selectOption('8192');
    await dialog.getByLabel('CPU threads').selectOption('2');
    await dialog.getByLabel('GPU offload').selectOption('off');
    // The dialog saves on change; main is the source of truth.
    let saved = SettingsSchema.parse((await callApi(host, 'settings.get')).result);
    await waitFor('the settings to be saved', async () => (saved = SettingsSchema.parse((await callApi(host, 'settings.get')).result)).gpuOffload === 'off', {
      intervalMs: 100,
    }).catch(() => undefined);
    assert.deepEqual(
      { contextSize: saved.contextSize, threads: saved.threads, gpuOffload: saved.gpuOffload },
      { contextSize: 8192, threads: 2, gpuOffload: 'off' },
    );

    await page.reload();
    await page.getByRole('tablist').waitFor();
    await page.keyboard.press('Control+,');
    const again = page.getByRole('dialog', { name: 'Settings' });
    assert.equal(await again.getByLabel('Context size (tokens)').inputValue(), '8192');
    assert.equal(await again.getByLabel('GPU offload').inputValue(), 'off');
  } catch (error) {
    await fs.mkdir('test-artifacts/e2e', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/e2e/failure-settings.png', fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  }
});
