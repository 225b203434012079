import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import type { Asset, InstalledModel, Job } from '../../preload/contract.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { callApi, type RunningWebHost } from '../support/web-host.js';
import { ok, settled } from '../support/api-calls.js';
import { waitFor } from '../support/wait-for.js';
import { waitForFocus } from '../support/storyboard-page.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  await ensureFixtures({ only: ['tiny-llama'] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>): Promise<void> {
  return runJourney(browser, `write-${name}`, run, { viewport: { width: 1440, height: 1000 } });
}

/** Uploads the fixture GGUF and imports it the way the Models tab does, then makes it the active text model. */
async function installTinyLlama(host: RunningWebHost): Promise<InstalledModel> {
  const bytes = await fs.readFile(fixturePath('tiny-llama'));
  const upload = await fetch(`${host.origin}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': 'tiny-llama.gguf' },
    body: bytes,
  });
  assert.equal(upload.status, 200);
  const { ref } = ((await upload.json()) as { result: { ref: string } }).result;
  const { jobId } = await ok<{ jobId: string }>(host, 'models.import', { fileRef: ref });
  const job = await settled(host, jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const model = job.result as InstalledModel;
  await ok(host, 'models.use', { id: model.id });
  // A small context keeps the fixture quick on a two-core machine.
  await ok(host, 'settings.set', { threads: 2, contextSize: 1024 });
  return model;
}

/** The page's localStorage, as `page.evaluate` sees it (this file is type-checked without the DOM's types). */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** Holds the page's requests to `pathname` until `release()`, as a slow host would. */
async function holdRequests(page: Page, pathname: string): Promise<{ held(): number; release(): Promise<void> }> {
  const held: Promise<void>[] = [];
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const matches = (url: URL) => url.pathname === pathname;
  const hold = (route: Route) => {
    const passed = opened.then(() => route.continue());
    held.push(passed);
    return passed;
  };
  await page.route(matches, hold);
  return {
    held: () => held.length,
    release: async () => {
      open();
      await Promise.all(held);
      await page.unroute(matches, hold);
    },
  };
}

async function waitForValue(field: Locator, expected: string, timeoutMs = 60_000): Promise<void> {
  let value = '';
  await waitFor(
    `the field to read ${JSON.stringify(expected)} (it reads ${JSON.stringify(value)})`,
    async () => (value = await field.inputValue()) === expected,
    { timeoutMs, intervalMs: 100 },
  ).catch(() => undefined);
  assert.equal(value, expected);
}

async function openWriteTab(page: Page, host: RunningWebHost): Promise<Locator> {
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
  await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Write', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Write' });
  await panel.waitFor();
  return panel;
}

test('without a text model the assistant says so and leads to Models; the editor still writes and previews safely', { timeout: 90_000 }, async () => {
  await journey('no-model', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Harbour Night' });
    const panel = await openWriteTab(page, host);
    const assistant = panel.getByRole('region', { name: 'Assistant' });
    await assistant.getByRole('heading', { name: 'Writing needs a text model' }).waitFor();
    assert.equal(await assistant.getByRole('button', { name: 'Continue' }).count(), 0, 'no actions without a model');

    const editor = panel.getByRole('textbox', { name: 'Document text' });
    await editor.fill('# Harbour Night\n\nThe <script>alert(1)</script> keeper.\n\n[evil](javascript:alert(1)) ![a cat](https://example.org/cat.png) **bold**');
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'write-no-model.png') });

    await panel.getByRole('radio', { name: 'Preview' }).check();
    const preview = panel.getByRole('article', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'Harbour Night', level: 1 }).waitFor();
    await preview.getByText('The <script>alert(1)</script> keeper.').waitFor();
    assert.equal(await preview.locator('script').count(), 0, 'the script stays text');
    assert.equal(await preview.locator('a, img').count(), 0, 'no javascript: link, no picture fetched');
    await preview.getByText('[picture: a cat]').waitFor();
    assert.equal(await preview.locator('strong').textContent(), 'bold');
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'write-preview.png') });
    await panel.getByRole('radio', { name: 'Write' }).check();

    await assistant.getByRole('button', { name: 'Open Models' }).click();
    await page.getByRole('tabpanel', { name: 'Models', exact: true }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Models', exact: true }).getAttribute('aria-selected'), 'true');
  });
});

test('a draft written before any project exists moves into the project created for it, and saves there', { timeout: 90_000 }, async () => {
  await journey('draft-adopted', async (page, host) => {
    const panel = await openWriteTab(page, host);
    await panel.getByText('Documents are saved into a project.', { exact: false }).waitFor();
    await panel.getByRole('textbox', { name: 'Document name' }).fill('Loose notes');
    await panel.getByRole('textbox', { name: 'Document text' }).fill('Written before any project.');
    await panel.getByText('Unsaved changes · draft kept on this computer').waitFor();

    await panel.getByRole('button', { name: 'Create a project' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Project title').fill('Notebook');
    await dialog.getByLabel('Project title').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // The tab is rebuilt for the new project; until then the old, project-less editor shows the same text,
    // and a Ctrl+S there only says "Open a project first". Wait for the project-less notice to go.
    await panel.getByText('Documents are saved into a project.', { exact: false }).waitFor({ state: 'detached' });
    const editor = panel.getByRole('textbox', { name: 'Document text' });
    await waitForValue(editor, 'Written before any project.');
    assert.equal(await panel.getByRole('textbox', { name: 'Document name' }).inputValue(), 'Loose notes');
    await editor.press('Control+s');
    await panel.getByText('Saved in the project').waitFor();
    const [asset] = await ok<Asset[]>(host, 'assets.list');
    assert.equal(asset?.name, 'Loose notes.md');
    assert.deepEqual(asset?.origin, { engine: 'editor' });
  });
});

test(
  'Continue streams the fixture’s sentence, Accept adds it, Save makes a text asset with model and seed, reload keeps the draft',
  { timeout: 180_000 },
  async () => {
    await journey('continue-save', async (page, host) => {
      await callApi(host, 'projects.create', { title: 'Harbour Night' });
      const model = await installTinyLlama(host);
      const panel = await openWriteTab(page, host);
      const assistant = panel.getByRole('region', { name: 'Assistant' });
      // The model picker shows the active model (remote engines' models join it when there are any).
      await waitForValue(assistant.getByRole('combobox', { name: 'Model' }), model.id);

      await panel.getByRole('textbox', { name: 'Document name' }).fill('Chapter one');
      const editor = panel.getByRole('textbox', { name: 'Document text' });
      await editor.fill('Once upon a time, at the harbour.');

      await assistant.getByText('Parameters').click();
      await assistant.getByRole('spinbutton', { name: 'Temperature' }).fill('0');
      await assistant.getByRole('spinbutton', { name: 'Seed' }).fill('7');
      await assistant.getByText('System prompt', { exact: true }).first().click();
      await assistant.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Story writer' });
      assert.match(await assistant.getByRole('textbox', { name: 'System prompt' }).inputValue(), /novelist/);

      await assistant.getByRole('button', { name: 'Continue' }).click();
      const suggestion = assistant.getByRole('textbox', { name: 'Suggested text' });
      await suggestion.waitFor();
      // The first reply loads the model in its engine process first.
      await waitForValue(suggestion, TINY_LLAMA_SENTENCE, 60_000);
      const status = assistant.getByRole('status').filter({ hasText: /tok\/s/ });
      await status.waitFor();
      assert.match((await status.textContent()) ?? '', /^\d+ tokens · [\d.]+ tok\/s$/);
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'write-suggestion.png') });

      await assistant.getByText('Accept adds it to the end of the document.').waitFor();
      // Continue was disabled while it ran: the focus went to Stop, and when the reply ended, to Accept.
      await waitForFocus(assistant.getByRole('button', { name: 'Accept', exact: true }));
      await page.keyboard.press('Enter');
      const written = `Once upon a time, at the harbour. ${TINY_LLAMA_SENTENCE}`;
      assert.equal(await editor.inputValue(), written);
      assert.equal(await suggestion.count(), 0, 'the suggestion box closes');

      await editor.press('Control+s');
      await panel.getByText('Saved in the project').waitFor();
      const assets = await ok<Asset[]>(host, 'assets.list');
      const doc = assets.find((asset) => asset.name === 'Chapter one.md');
      assert.ok(doc, JSON.stringify(assets));
      assert.equal(doc.kind, 'text');
      assert.equal(doc.origin.engine, 'llama');
      assert.equal(doc.origin.model, model.id);
      assert.equal(doc.origin.seed, 7);
      assert.match(doc.origin.prompt ?? '', /Continue this document:\s+Once upon a time, at the harbour\./);
      assert.deepEqual(
        { action: doc.origin.parameters?.action, temperature: doc.origin.parameters?.temperature, system: doc.origin.parameters?.system },
        { action: 'continue', temperature: 0, system: await assistant.getByRole('textbox', { name: 'System prompt' }).inputValue() },
      );
      const file = await fetch(`${host.origin}/files/${doc.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
      assert.equal(await file.text(), written);
      await page.getByRole('navigation', { name: 'Projects and assets' }).getByText('Chapter one.md').waitFor();
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'write-saved.png') });

      // Ctrl+Enter repeats the last action; Discard leaves the document as it was.
      await editor.press('Control+Enter');
      await waitForValue(suggestion, TINY_LLAMA_SENTENCE, 60_000);
      await assistant.getByRole('button', { name: 'Discard' }).click();
      await suggestion.waitFor({ state: 'detached' });
      assert.equal(await editor.inputValue(), written);

      // An unsaved edit survives a reload as the draft; a second save rewrites the same asset.
      await editor.press('End');
      await editor.pressSequentially(' The end.');
      await panel.getByText('Unsaved changes · draft kept on this computer').waitFor();
      // The page's asset list is held back until the save is done: a save made before the list
      // arrives (a quick Ctrl+S after a reload) must still update the asset, not add a second.
      const assetList = await holdRequests(page, '/api/assets.list');
      await page.reload();
      await page.getByRole('tabpanel', { name: 'Write' }).waitFor();
      const restored = page.getByRole('tabpanel', { name: 'Write' }).getByRole('textbox', { name: 'Document text' });
      // The draft belongs to the project, which the page learns of a moment after it loads.
      await waitForValue(restored, `${written} The end.`);
      assert.equal(await page.getByRole('textbox', { name: 'Document name' }).inputValue(), 'Chapter one');
      assert.ok(assetList.held() > 0, 'the asset list was asked for and is still held');
      await page.getByRole('tabpanel', { name: 'Write' }).getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('tabpanel', { name: 'Write' }).getByText('Saved in the project').waitFor();
      await page.getByText('The text asset was updated.').waitFor();
      await assetList.release();
      const after = await ok<Asset[]>(host, 'assets.list');
      assert.equal(after.filter((asset) => asset.kind === 'text').length, 1, 'saved over the same asset');
      assert.equal(after.find((asset) => asset.id === doc.id)?.origin.seed, 7, 'the hand edit keeps the suggestion’s origin');

      // New document, then open the saved one again from the picker.
      const write = page.getByRole('tabpanel', { name: 'Write' });
      await write.getByRole('button', { name: 'New document' }).click();
      await waitForValue(write.getByRole('textbox', { name: 'Document text' }), '');
      await write.getByRole('combobox', { name: 'Open a text asset' }).selectOption({ label: 'Chapter one.md' });
      await write.getByRole('button', { name: 'Open', exact: true }).click();
      await waitForValue(write.getByRole('textbox', { name: 'Document text' }), `${written} The end.`);
      assert.equal(await write.getByRole('textbox', { name: 'Document name' }).inputValue(), 'Chapter one');
      await write.getByText('Saved in the project').waitFor();

      // A draft whose asset is no longer in the project (a project folder put back from an
      // older copy) saves as a new asset instead of failing.
      const project = (await ok<{ id: string }>(host, 'projects.current')).id;
      const key = `atelier.write.draft.${project}`;
      // The page writes its draft a moment after each change: the edit below must come after that.
      await waitFor('the opened document to be kept as the draft', async () => {
        const kept = await page.evaluate((k) => (globalThis as unknown as PageGlobals).localStorage.getItem(k), key);
        return (JSON.parse(kept ?? '{}') as { savedMarkdown?: string }).savedMarkdown === `${written} The end.`;
      });
      await page.evaluate(
        ([k, gone]) => {
          const storage = (globalThis as unknown as PageGlobals).localStorage;
          const kept = JSON.parse(storage.getItem(k as string) ?? '{}') as Record<string, unknown>;
          storage.setItem(k as string, JSON.stringify({ ...kept, assetId: gone, markdown: 'Kept after all.' }));
        },
        [key, 'gone-asset-0000'],
      );
      await page.reload();
      await waitForValue(page.getByRole('tabpanel', { name: 'Write' }).getByRole('textbox', { name: 'Document text' }), 'Kept after all.');
      await page.getByRole('tabpanel', { name: 'Write' }).getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('A new text asset is in the project.').waitFor();
      assert.equal((await ok<Asset[]>(host, 'assets.list')).filter((asset) => asset.kind === 'text').length, 2);
    });
  },
);

test('Esc stops a request: the job is cancelled and the assistant says so', { timeout: 180_000 }, async () => {
  await journey('stop', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Harbour Night' });
    await installTinyLlama(host);
    const panel = await openWriteTab(page, host);
    const assistant = panel.getByRole('region', { name: 'Assistant' });
    await assistant.getByRole('button', { name: 'Continue' }).waitFor();
    await panel.getByRole('textbox', { name: 'Document text' }).fill('Once upon a time.');

    // The fixture answers in a blink, so other requests queue ahead on the one text engine; ours waits its turn and is stopped there.
    const ahead: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      ahead.push(
        (
          await ok<{ jobId: string }>(host, 'text.generate', {
            action: 'continue',
            document: `Draft ${i}.`,
            sampling: { temperature: 0, topP: 1, maxTokens: 40 },
          })
        ).jobId,
      );
    }
    await assistant.getByRole('button', { name: 'Continue' }).click();
    await assistant.getByRole('button', { name: 'Stop' }).waitFor();
    await page.keyboard.press('Escape');
    await assistant
      .getByRole('status')
      .filter({ hasText: /^Stopped/ })
      .waitFor();
    await assistant.getByRole('button', { name: 'Continue' }).waitFor();
    const jobs = await ok<Job[]>(host, 'jobs.list');
    const ours = jobs.filter((job) => job.kind === 'text.generate' && !ahead.includes(job.id));
    assert.equal(ours.length, 1);
    assert.equal(ours[0]?.state, 'cancelled');
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'write-stopped.png') });
    await assistant.getByRole('button', { name: 'Discard' }).click();
    for (const id of ahead) await callApi(host, 'jobs.cancel', { id });
  });
});

test('a model whose file has gone fails the request with a clear message that leads to Models', { timeout: 120_000 }, async () => {
  await journey('model-missing', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Harbour Night' });
    const model = await installTinyLlama(host);
    await fs.rm(model.path);
    const panel = await openWriteTab(page, host);
    const assistant = panel.getByRole('region', { name: 'Assistant' });
    await panel.getByRole('textbox', { name: 'Document text' }).fill('Once upon a time.');
    await assistant.getByRole('button', { name: 'Continue' }).click();

    const alert = assistant.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    // What to do is said once: the message's own advice, with no second hint after it.
    assert.match(text, /is missing \(.*tiny-llama\.gguf\)\. Remove the model in Models and add it again\./, text);
    assert.doesNotMatch(text, /download or import it again/, text);
    await assistant.getByRole('status').filter({ hasText: 'Failed' }).waitFor();
    await alert.getByRole('button', { name: 'Open Models' }).waitFor();
    await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'write-model-missing.png') });
    await alert.getByRole('button', { name: 'Dismiss the error' }).click();
    await alert.waitFor({ state: 'detached' });
  });
});
