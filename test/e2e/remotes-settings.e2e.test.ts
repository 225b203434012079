import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Asset, Job, Remote } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { startWebHostProcess, type RunningWebHost } from '../support/web-host.js';
import { ok } from '../support/api-calls.js';
import { waitFor } from '../support/wait-for.js';

/** Screenshots a person looks at, kept apart from the failure artefacts. */
const SHOTS = process.env.ATELIER_SHOTS ?? path.join(E2E_ARTIFACTS, 'shots');

let browser: Browser;
// B: a second Atelier with the fixture model, used by A (each journey's own host) as its remote engine.
let b: RunningWebHost;
let modelId: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  await ensureFixtures({ only: ['tiny-llama'] });
  const prepared = await homeWithTinyLlama('atelier-e2e-remote-b-');
  modelId = prepared.modelId;
  b = await startWebHostProcess({ home: prepared.home });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await b?.stop();
  if (b) await fs.rm(b.home, { recursive: true, force: true });
});

/** The parts of a page's textarea the test touches (the tests compile without the DOM's types). */
interface TextAreaLike {
  ownerDocument: { defaultView: { HTMLTextAreaElement: { prototype: object }; Event: new (type: string, init: { bubbles: boolean }) => unknown } };
  dispatchEvent(event: unknown): boolean;
}

function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>): Promise<void> {
  return runJourney(browser, `remotes-${name}`, run, { viewport: { width: 1440, height: 1000 } });
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

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  return dialog;
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name, exact: true });
  await panel.waitFor();
  return panel;
}

test('a remote added in Settings lists its models, writes in the Write tab through the remote, and can be removed', { timeout: 180_000 }, async () => {
  await journey('settings', async (page, a) => {
    await ok(a, 'projects.create', { title: 'Harbour Night' });
    await page.goto(a.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();

    let dialog = await openSettings(page);
    const section = dialog.getByRole('region', { name: 'Remote engines' });
    await section.getByText('No remote engines yet.').waitFor();
    const form = section.getByRole('form', { name: 'Add a remote engine' });

    // The same schema main checks with: a bad name and address are refused before anything is sent.
    await form.getByRole('textbox', { name: 'Name' }).fill('GPU Box!');
    await form.getByRole('textbox', { name: 'Address' }).fill('gpu-box:8080');
    await form.getByRole('button', { name: 'Add' }).click();
    const problems = form.getByRole('alert');
    await problems.getByText(/Name: lowercase letters, digits, dash and underscore only/).waitFor();
    await problems.getByText('Write a full address, such as http://gpu-box:8080/v1.').waitFor();
    assert.deepEqual(await ok<Remote[]>(a, 'remotes.list'), []);

    // A key for plain http on another machine is sent only after the creator confirms it.
    await form.getByRole('textbox', { name: 'Name' }).fill('lan');
    await form.getByRole('textbox', { name: 'Address' }).fill('http://192.0.2.10:8080/v1');
    await form.getByLabel('Key (optional)').fill('sk-lan-key-1');
    await form.getByRole('button', { name: 'Add' }).click();
    const insecureConfirm = form.getByRole('group', { name: 'Send the key without encryption?' });
    await insecureConfirm.getByText(/the key would cross the network unencrypted/).waitFor();
    await insecureConfirm.getByRole('button', { name: 'Cancel' }).click();
    await insecureConfirm.waitFor({ state: 'detached' });
    assert.deepEqual(await ok<Remote[]>(a, 'remotes.list'), [], 'nothing is sent before the creator confirms');
    await form.getByRole('button', { name: 'Add' }).click();
    await insecureConfirm.getByRole('button', { name: 'Send the key over http' }).click();
    const lanRow = section.getByRole('list', { name: 'Remote engines' }).getByRole('listitem', { name: 'lan' });
    await lanRow.getByText('Key set').waitFor();
    assert.equal(await insecureConfirm.count(), 0);
    await ok(a, 'remotes.remove', { name: 'lan' });
    await lanRow.waitFor({ state: 'detached' });

    await form.getByRole('textbox', { name: 'Name' }).fill('b');
    await form.getByRole('textbox', { name: 'Address' }).fill(`${b.origin}/v1`);
    await form.getByLabel('Key (optional)').fill(b.token);
    await form.getByRole('button', { name: 'Add' }).click();

    const row = section.getByRole('list', { name: 'Remote engines' }).getByRole('listitem', { name: 'b' });
    await row.waitFor();
    await row.getByText(b.origin, { exact: true }).waitFor();
    await row.getByText('Key set').waitFor();
    assert.equal(await form.getByLabel('Key (optional)').inputValue(), '', 'the key field empties once added');
    // Adding tests at once: the models B serves, by their own ids.
    const models = row.getByRole('list', { name: 'Models of b' });
    await models.getByText(modelId, { exact: true }).waitFor({ timeout: 0 });
    await row.getByText(/^Answered in \d+ ms with \d+ models\.$/).waitFor();
    assert.ok(!(await page.content()).includes(b.token), 'the key never comes back to the page');
    const listed = await ok<Remote[]>(a, 'remotes.list');
    assert.deepEqual(
      listed.map((r) => ({ name: r.name, url: r.url, hasKey: r.hasKey })),
      [{ name: 'b', url: b.origin, hasKey: true }],
    );

    // Test asks again on demand.
    await row.getByRole('button', { name: 'Test b' }).click();
    await models.getByText(modelId, { exact: true }).waitFor({ timeout: 0 });
    await page.screenshot({ path: path.join(SHOTS, 'remotes-settings.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400); // let colour transitions finish before the picture
    await page.screenshot({ path: path.join(SHOTS, 'remotes-settings-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A remote that is down only costs a line in the picker, never the tab.
    await ok(a, 'remotes.add', { name: 'gone', url: 'http://127.0.0.1:9/v1' });

    const panel = await openTab(page, 'Write');
    const assistant = panel.getByRole('region', { name: 'Assistant' });
    const picker = assistant.getByRole('combobox', { name: 'Model' });
    await picker.waitFor();
    // A has no model of its own: the remote's text model is chosen, and tagged.
    await waitForValue(picker, `remote:b/${modelId}`);
    await assistant.getByText('Runs on “b”: your text is sent to that server.').waitFor();
    await assistant.getByText('“gone” is not answering; its models are left out until a refresh finds it.').waitFor();
    // Refresh asks every remote again; the list stays usable meanwhile.
    await assistant.getByRole('button', { name: 'Refresh remote models' }).click();
    await assistant.getByRole('button', { name: 'Refresh remote models' }).and(page.locator(':enabled')).waitFor();
    await waitForValue(picker, `remote:b/${modelId}`);
    const options = await picker.locator('option').allTextContents();
    assert.ok(options.includes(`${modelId} · remote b`), JSON.stringify(options));
    assert.ok(!options.some((o) => /procedural|espeak|synth/.test(o)), `only text models: ${JSON.stringify(options)}`);

    await panel.getByRole('textbox', { name: 'Document name' }).fill('Remote chapter');
    const editor = panel.getByRole('textbox', { name: 'Document text' });
    await editor.fill('Once upon a time, at the harbour.');
    await assistant.getByText('Parameters').click();
    await assistant.getByRole('spinbutton', { name: 'Temperature' }).fill('0');
    await assistant.getByRole('spinbutton', { name: 'Seed' }).fill('3');
    const jobsOnB = (await ok<Job[]>(b, 'jobs.list')).filter((job) => job.kind === 'api.chat').length;

    await assistant.getByRole('button', { name: 'Continue' }).click();
    const suggestion = assistant.getByRole('textbox', { name: 'Suggested text' });
    await suggestion.waitFor();
    await waitForValue(suggestion, TINY_LLAMA_SENTENCE, 90_000);
    await assistant
      .getByRole('status')
      .filter({ hasText: /tok\/s/ })
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'remotes-write.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400); // let colour transitions finish before the picture
    await page.screenshot({ path: path.join(SHOTS, 'remotes-write-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    // The words were written by B's engine, on B's job queue.
    const bJobs = (await ok<Job[]>(b, 'jobs.list')).filter((job) => job.kind === 'api.chat');
    assert.ok(bJobs.length > jobsOnB, `B ran the generation: ${JSON.stringify(bJobs)}`);
    const aJob = (await ok<Job[]>(a, 'jobs.list')).find((job) => job.kind === 'text.generate');
    assert.equal(aJob?.state, 'done', 'A shows the work as its own job too');

    await assistant.getByRole('button', { name: 'Accept', exact: true }).click();
    await editor.press('Control+s');
    await panel.getByText('Saved in the project').waitFor();
    const doc = (await ok<Asset[]>(a, 'assets.list')).find((asset) => asset.name === 'Remote chapter.md');
    assert.ok(doc);
    assert.equal(doc.origin.model, `remote:b/${modelId}`, 'the saved document records the remote model');

    // The Image tab offers B's image models too: Diffusion opens without a local model, and B draws.
    const image = await openTab(page, 'Image');
    await image.getByRole('radio', { name: 'Diffusion' }).check();
    const imagePicker = image.getByRole('combobox', { name: 'Model' });
    await waitForValue(imagePicker, 'remote:b/procedural');
    assert.deepEqual(await imagePicker.locator('option').allTextContents(), ['procedural · remote b']);
    await image.getByText('Drawn on “b”', { exact: false }).waitFor();
    await image.getByRole('textbox', { name: 'Prompt', exact: true }).fill('stormy harbour');
    await image.getByRole('button', { name: 'Generate', exact: true }).click();
    await image.getByRole('list', { name: 'Images' }).getByRole('listitem').filter({ hasText: 'stormy-harbour' }).first().waitFor({ timeout: 0 });
    await page.screenshot({ path: path.join(SHOTS, 'remotes-image.png') });

    // The Voice tab offers a third engine, Remote, with B's speech model; B speaks and A keeps the clip.
    const voice = await openTab(page, 'Voice');
    await voice.getByRole('checkbox', { name: 'Play each new sound' }).uncheck();
    await voice.getByRole('radio', { name: 'Remote' }).check();
    const speechModel = voice.getByRole('combobox', { name: 'Remote model' });
    await waitForValue(speechModel, 'remote:b/espeak');
    assert.deepEqual(await speechModel.locator('option').allTextContents(), ['espeak · remote b']);
    await voice.getByText('The text is sent to “b”', { exact: false }).waitFor();
    assert.equal(await voice.getByRole('slider', { name: 'Pitch' }).count(), 0, 'pitch is local-only');
    await voice.getByRole('combobox', { name: 'Voice', exact: true }).fill('en-gb');
    await voice.getByRole('textbox', { name: 'Text to speak' }).fill('The ferry leaves at nine.');
    await voice.getByRole('button', { name: 'Generate', exact: true }).click();
    await voice
      .getByRole('list', { name: 'Sound clips' })
      .getByRole('listitem')
      .filter({ hasText: /the[ -]ferry[ -]leaves[ -]at[ -]nine/i })
      .first()
      .waitFor({ timeout: 0 });
    const clip = (await ok<Asset[]>(a, 'assets.list')).find((asset) => asset.kind === 'audio');
    assert.ok(clip);
    assert.deepEqual([clip.origin.engine, clip.origin.model, clip.origin.parameters?.voice], ['remote', 'remote:b/espeak', 'en-gb']);
    await page.screenshot({ path: path.join(SHOTS, 'remotes-voice.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'remotes-voice-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await openTab(page, 'Write');

    // Removing asks first; Cancel keeps it.
    dialog = await openSettings(page);
    const rowAgain = dialog.getByRole('listitem', { name: 'b' });
    await rowAgain.getByRole('button', { name: 'Remove b' }).click();
    const confirm = rowAgain.getByRole('group', { name: 'Remove b?' });
    await confirm.getByText('Remove “b” and its key?', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal((await ok<Remote[]>(a, 'remotes.list')).length, 2);
    await rowAgain.getByRole('button', { name: 'Remove b' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'remotes-remove-confirm.png') });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await rowAgain.waitFor({ state: 'detached' });
    assert.deepEqual(
      (await ok<Remote[]>(a, 'remotes.list')).map((r) => r.name),
      ['gone'],
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ok(a, 'remotes.remove', { name: 'gone' });

    // The picker hears the removal: with no model anywhere, the assistant says so again.
    await assistant.getByRole('heading', { name: 'Writing needs a text model' }).waitFor();
  });
});

test('Open in Write loads a text asset from the sidebar into the Write tab, asking before it replaces unsaved words', { timeout: 90_000 }, async () => {
  await journey('open-in-write', async (page, a) => {
    await ok(a, 'projects.create', { title: 'Harbour Night' });
    await ok(a, 'text.saveDocument', { name: 'Harbour log', markdown: '# Harbour log\n\nThe lamps were lit at dusk.' });
    await page.goto(a.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();

    const write = await openTab(page, 'Write');
    const editor = write.getByRole('textbox', { name: 'Document text' });
    await editor.fill('Words not saved yet.');
    await openTab(page, 'Image');

    await page.getByRole('navigation', { name: 'Projects and assets' }).getByText('Harbour log.md').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const openInWrite = inspector.getByRole('button', { name: 'Open in Write' });

    // Saying no keeps the draft, but the Write tab is shown.
    page.once('dialog', (question) => {
      assert.match(question.message(), /Unsaved changes to “Untitled” will be lost/);
      void question.dismiss();
    });
    await openInWrite.click();
    await write.waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Write', exact: true }).getAttribute('aria-selected'), 'true');
    assert.equal(await editor.inputValue(), 'Words not saved yet.');

    page.once('dialog', (question) => void question.accept());
    await openInWrite.click();
    await waitForValue(editor, '# Harbour log\n\nThe lamps were lit at dusk.');
    assert.match(await write.getByRole('textbox', { name: 'Document name' }).inputValue(), /^Harbour log/);
    await write.getByText('Saved in the project').waitFor();

    // Opening the same, unchanged document again asks nothing.
    await openTab(page, 'Project');
    await openInWrite.click();
    await write.waitFor();
    assert.equal(await editor.inputValue(), '# Harbour log\n\nThe lamps were lit at dusk.');
  });
});

test('a document too large to be a text asset says so in words, before anything is sent', { timeout: 90_000 }, async () => {
  await journey('too-large', async (page, a) => {
    await ok(a, 'projects.create', { title: 'Long Book' });
    await page.goto(a.url);
    const write = await openTab(page, 'Write');
    await write.getByRole('textbox', { name: 'Document name' }).fill('Everything');
    const editor = write.getByRole('textbox', { name: 'Document text' });
    // Set in one go: fill is far too slow for two million characters. Short lines, because one
    // unbroken two-million-character word takes the page a long time to lay out.
    await editor.evaluate(
      (area: TextAreaLike, text: string) => {
        const view = area.ownerDocument.defaultView;
        Object.getOwnPropertyDescriptor(view.HTMLTextAreaElement.prototype, 'value')?.set?.call(area, text);
        area.dispatchEvent(new view.Event('input', { bubbles: true }));
      },
      `${'a'.repeat(79)}\n`.repeat(25_000) + 'b',
    );
    await write.getByText('25,001 words', { exact: false }).waitFor();
    await editor.press('Control+s');
    const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('alert');
    await toast.getByText('“Everything” is 2,000,001 characters; a text asset holds at most 2,000,000.', { exact: false }).waitFor();
    await toast.getByText('Split it into smaller documents, then save each one.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'remotes-too-large.png') });
    assert.deepEqual(
      ((await ok<Asset[]>(a, 'assets.list')) ?? []).filter((asset) => asset.kind === 'text'),
      [],
    );
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached' });
  });
});
