import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Asset, InstalledModel, Job, StoryboardState } from '../../preload/contract.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { recordPromptRun, seenPromptRun } from '../support/progress-recorder.js';
import { card, ok, openProjectTab, settled, storyboardWhere, titles, waitForFocus } from '../support/storyboard-page.js';
import type { RunningWebHost } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';

/** Screenshots a person looks at, inside the repository's test-artifacts/ (ATELIER_SHOTS moves them). */
const SHOTS = process.env.ATELIER_SHOTS ?? path.join(E2E_ARTIFACTS, 'shots');

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  await fs.mkdir(SHOTS, { recursive: true });
  await ensureFixtures({ only: ['tiny-llama'] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>, height = 1000): Promise<void> {
  return runJourney(browser, `storyboard-${name}`, run, { viewport: { width: 1440, height } });
}

async function shot(page: Page, name: string): Promise<void> {
  const file = `storyboard-${name}.png`;
  // Colours ease over 120 ms after a theme switch; 'disabled' finishes those transitions first.
  await page.screenshot({ path: path.join(E2E_ARTIFACTS, file), animations: 'disabled' });
  await fs.copyFile(path.join(E2E_ARTIFACTS, file), path.join(SHOTS, file));
}

function sidebarAsset(page: Page, asset: Asset): Locator {
  const name = new RegExp(`^${asset.name.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}`);
  return page.getByRole('navigation', { name: 'Projects and assets' }).getByRole('button', { name });
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
  await ok(host, 'settings.set', { threads: 2, contextSize: 1024 });
  return model;
}

test('Storyboard: add, type, reorder by keyboard and drag, drop a picture, undo and redo, delete and undo', { timeout: 180_000 }, async () => {
  // Tall enough for all three cards at once: the drag below goes from the third card to the first.
  await journey(
    'edit',
    async (page, host) => {
      await ok(host, 'projects.create', { title: 'Harbour Night' });
      const made = await ok<{ jobId: string }>(host, 'image.generate', {
        engine: 'procedural',
        template: 'title-card',
        prompt: 'night harbour',
        text: 'Harbour',
        width: 1280,
        height: 720,
        seed: 7,
      });
      const imageJob = await settled(host, made.jobId);
      assert.equal(imageJob.state, 'done', JSON.stringify(imageJob.error));
      const [image] = (await ok<Asset[]>(host, 'assets.list')).filter((asset) => asset.kind === 'image');
      assert.ok(image);

      const panel = await openProjectTab(page, host);
      await panel.getByRole('heading', { name: 'An empty storyboard' }).waitFor();
      await shot(page, 'empty');
      assert.equal(await panel.getByRole('button', { name: 'Play storyboard' }).isDisabled(), true);

      // Add: the new card's title takes the focus, so typing names it.
      await panel.getByRole('button', { name: 'Add a scene', exact: true }).click();
      await waitForFocus(panel.getByLabel('Title of scene 1'));
      await page.keyboard.type('The lighthouse');
      await panel.getByLabel('Text of scene 1').fill('The keeper climbs the stairs at dusk.');
      await panel.getByRole('toolbar', { name: 'Storyboard' }).getByRole('button', { name: 'Add scene' }).click();
      await waitForFocus(panel.getByLabel('Title of scene 2'));
      await page.keyboard.type('The storm');
      await panel.getByRole('button', { name: 'Add a scene after scene 1' }).click();
      await card(panel, 2).waitFor();
      await waitForFocus(panel.getByLabel('Title of scene 2'));
      await page.keyboard.type('The fox');
      await panel.getByLabel('Text of scene 2').fill('A small red fox shivers on the rocks.');
      await storyboardWhere(
        host,
        (s) => titles(s).join('|') === 'The lighthouse|The fox|The storm' && s.scenes[1]?.text === 'A small red fox shivers on the rocks.',
        'the typing is saved',
      );

      // Saved in the project: a reload shows the same cards.
      await page.reload();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
      assert.equal(await panel.getByLabel('Title of scene 2').inputValue(), 'The fox');
      assert.equal(await panel.getByLabel('Text of scene 1').inputValue(), 'The keeper climbs the stairs at dusk.');

      // Keyboard: Alt+↓ on a focused card moves it down, announced for screen readers.
      await card(panel, 0).focus();
      await page.keyboard.press('Alt+ArrowDown');
      await storyboardWhere(host, (s) => titles(s).join('|') === 'The fox|The lighthouse|The storm', 'Alt+↓ moves the first scene down');
      await panel.getByText('The lighthouse moved to position 2 of 3').waitFor({ state: 'attached' });
      await waitForFocus(card(panel, 1));
      await page.keyboard.press('Alt+ArrowUp');
      await storyboardWhere(host, (s) => titles(s).join('|') === 'The lighthouse|The fox|The storm', 'Alt+↑ moves it back');

      // Drag: the third card's grip onto the top half of the first card.
      const grip = card(panel, 2).locator('.scene-grip');
      await grip.dragTo(card(panel, 0), { targetPosition: { x: 400, y: 12 } });
      await storyboardWhere(host, (s) => titles(s).join('|') === 'The storm|The lighthouse|The fox', 'dragging the storm to the top');

      // An image from the sidebar dropped on a card becomes its picture.
      const sidebarImage = sidebarAsset(page, image);
      await sidebarImage.dragTo(card(panel, 1));
      await panel.getByRole('img', { name: `Picture of scene 2: ${image.name}` }).waitFor();
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === image.id, 'the dropped picture is on scene 2');
      await shot(page, 'cards-light');

      // Undo / redo from the keyboard when no text field has focus.
      await panel.getByRole('heading', { name: 'Harbour Night' }).click();
      await page.keyboard.press('Control+z');
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === undefined, 'Ctrl+Z takes the picture off');
      await page.keyboard.press('Control+Shift+z');
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === image.id, 'Shift+Ctrl+Z puts it back');
      await page.keyboard.press('Control+z');
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === undefined, 'Ctrl+Z again');
      await page.keyboard.press('Control+y');
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === image.id, 'Ctrl+Y redoes');
      // Inside a text field Ctrl+Z is the field's own undo: the storyboard keeps its picture.
      await panel.getByLabel('Text of scene 3').click();
      await page.keyboard.press('Control+z');
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal((await ok<StoryboardState>(host, 'storyboard.get')).scenes[1]?.imageAssetId, image.id);
      // The toolbar buttons always work.
      await panel.getByRole('button', { name: 'Undo', exact: true }).click();
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === undefined, 'the Undo button');
      await panel.getByRole('button', { name: 'Redo', exact: true }).click();
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === image.id, 'the Redo button');

      // Duplicate, then delete with no confirmation: the toast's Undo brings it back.
      await panel.getByRole('button', { name: 'Duplicate scene 3' }).click();
      await storyboardWhere(host, (s) => titles(s).join('|') === 'The storm|The lighthouse|The fox|The fox', 'duplicated');
      await panel.getByRole('button', { name: 'Delete scene 1' }).click();
      await storyboardWhere(host, (s) => titles(s).join('|') === 'The lighthouse|The fox|The fox', 'deleted');
      const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: 'Scene deleted' });
      await toast.waitFor();
      await shot(page, 'deleted-toast');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await storyboardWhere(host, (s) => titles(s).join('|') === 'The storm|The lighthouse|The fox|The fox', 'the toast’s Undo');

      // Detach: the picture leaves the card, the file stays in the project.
      await card(panel, 1).hover();
      await panel.getByRole('button', { name: 'Remove the picture from scene 2' }).click();
      await storyboardWhere(host, (s) => s.scenes[1]?.imageAssetId === undefined, 'detached');
      assert.ok((await ok<Asset[]>(host, 'assets.list')).some((asset) => asset.id === image.id));

      // The asset list is still one click away, with Export.
      await panel.getByRole('radio', { name: /^Assets/ }).check();
      // Its readable name (the seed is in its metadata).
      await panel
        .getByRole('button', { name: new RegExp(image.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
        .first()
        .waitFor();
      await panel.getByRole('button', { name: 'Export…' }).waitFor();
      await panel.getByRole('radio', { name: /^Scenes/ }).check();
      await card(panel, 0).waitFor();
    },
    1600,
  );
});

test('Storyboard: Illustrate and Narrate attach assets, Send to storyboard, and the player plays it through', { timeout: 240_000 }, async () => {
  await journey('make-play', async (page, host) => {
    await ok(host, 'projects.create', { title: 'Lost Fox' });
    await ok(host, 'storyboard.edit', { op: 'add', title: 'A lost fox', text: 'A small fox waits by the lighthouse.' });
    await ok(host, 'storyboard.edit', { op: 'add', title: 'Home', text: '' });
    const panel = await openProjectTab(page, host);
    const first = card(panel, 0);
    await first.waitFor();

    await first.getByRole('button', { name: 'Illustrate' }).click();
    await panel.getByRole('img', { name: /^Picture of scene 1: / }).waitFor({ timeout: 0 });
    await first.getByRole('button', { name: 'Narrate' }).click();
    const narration = first.getByRole('group', { name: 'Narration of scene 1' });
    await narration.getByRole('button', { name: 'Play the narration of scene 1' }).waitFor({ timeout: 0 });
    await narration.getByText(/^\d+(\.\d+)? s$/).waitFor();
    const state = await storyboardWhere(
      host,
      (s) => s.scenes[0]?.imageAssetId !== undefined && s.scenes[0]?.narrationAssetId !== undefined,
      'Illustrate and Narrate attach',
    );
    const assets = await ok<Asset[]>(host, 'assets.list');
    assert.equal(assets.find((a) => a.id === state.scenes[0]?.imageAssetId)?.kind, 'image');
    assert.equal(assets.find((a) => a.id === state.scenes[0]?.narrationAssetId)?.kind, 'audio');
    await shot(page, 'made-light');

    // Sounds from the sidebar: on the bed slot they become the bed, anywhere else on the card the narration.
    const speech = assets.find((a) => a.kind === 'audio') as Asset;
    const sidebarSound = sidebarAsset(page, speech);
    await sidebarSound.dragTo(card(panel, 1).getByRole('group', { name: 'Sound bed of scene 2' }));
    await storyboardWhere(host, (s) => s.scenes[1]?.bedAssetId === speech.id && s.scenes[1]?.narrationAssetId === undefined, 'a sound dropped on the bed slot');
    await sidebarSound.dragTo(card(panel, 1).locator('.scene-picture'));
    await storyboardWhere(host, (s) => s.scenes[1]?.narrationAssetId === speech.id, 'a sound dropped on the card narrates it');
    await card(panel, 1).getByRole('button', { name: 'Remove the sound bed from scene 2' }).click();
    await card(panel, 1).getByRole('button', { name: 'Remove the narration from scene 2' }).click();
    await storyboardWhere(host, (s) => s.scenes[1]?.narrationAssetId === undefined && s.scenes[1]?.bedAssetId === undefined, 'both detached');

    // The Image tab sends a picture to a new scene at the end.
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click();
    const imagePanel = page.getByRole('tabpanel', { name: 'Image' });
    await imagePanel
      .getByRole('list', { name: 'Images' })
      .getByRole('button', { name: /^Send .* to storyboard$/ })
      .first()
      .click();
    await page.getByText('Sent to the storyboard as scene 3').waitFor();
    await storyboardWhere(
      host,
      (s) => s.scenes.length === 3 && s.scenes[2]?.imageAssetId === state.scenes[0]?.imageAssetId,
      'Send to storyboard adds a scene with the picture',
    );
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
    await panel.getByRole('img', { name: /^Picture of scene 3: / }).waitFor();

    // Dark theme, as the system says.
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'cards-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The player: the narrated scene, then the next after its default length; Space pauses, Esc closes.
    await panel.getByRole('button', { name: 'Play storyboard' }).click();
    const player = page.getByRole('dialog', { name: 'Storyboard player' });
    await player.getByRole('img', { name: /^Scene 1: A lost fox/ }).waitFor();
    await player.getByText('A small fox waits by the lighthouse.').waitFor();
    await shot(page, 'player');
    await player.getByRole('status').getByText('Scene 2 of 3').waitFor({ timeout: 20_000 });
    await player.getByRole('img', { name: 'Scene 2: Home' }).waitFor();
    await page.keyboard.press('Space');
    await player.getByRole('status').getByText('Scene 2 of 3 · paused').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 4500));
    await player.getByRole('status').getByText('Scene 2 of 3 · paused').waitFor();
    await page.keyboard.press('Space');
    await player.getByRole('status').getByText('Scene 3 of 3').waitFor({ timeout: 10_000 });
    await player.getByRole('button', { name: 'Previous scene' }).click();
    await player
      .getByRole('status')
      .getByText(/^Scene 2 of 3/)
      .waitFor();
    await page.keyboard.press('Escape');
    await player.waitFor({ state: 'detached' });
    await card(panel, 0).waitFor();

    // Stop on a card cancels its running job (a long narration, so it is still running): nothing is attached.
    await ok(host, 'storyboard.edit', { op: 'add', title: 'The long night', text: 'The tide rises and the fox waits by the lamp. '.repeat(1500) });
    const long = card(panel, 3);
    await long.getByRole('button', { name: 'Narrate' }).click();
    await long.getByRole('status', { name: 'Narrating scene 4' }).getByRole('button', { name: 'Stop' }).click();
    await long.getByRole('status', { name: 'Narrating scene 4' }).waitFor({ state: 'detached' });
    const stopped = (await ok<Job[]>(host, 'jobs.list')).find((job) => job.kind === 'storyboard.narrate' && job.title.includes('scene 4'));
    assert.ok(stopped);
    assert.equal((await settled(host, stopped.id)).state, 'cancelled');
    assert.equal((await ok<StoryboardState>(host, 'storyboard.get')).scenes[3]?.narrationAssetId, undefined);
  });
});

test('Storyboard: From a prompt on the fixture model makes a new project whose scenes fill in', { timeout: 480_000 }, async () => {
  await journey('from-prompt', async (page, host) => {
    const panel = await openProjectTab(page, host);
    // With no text model the dialog says so and points at Models.
    await panel.getByRole('button', { name: 'From a prompt…' }).click();
    let dialog = page.getByRole('dialog', { name: 'A storyboard from a prompt' });
    await dialog.getByText('Writing the scenes needs a text model, and none is installed.').waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Make the storyboard' }).isDisabled(), true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await installTinyLlama(host);
    await panel.getByRole('button', { name: 'From a prompt…' }).click();
    dialog = page.getByRole('dialog', { name: 'A storyboard from a prompt' });
    await dialog.getByLabel('Story').fill('A lighthouse keeper finds a lost fox');
    // It says it makes a new project, and names it after the story until the creator names it.
    await dialog.getByText('This makes a new project').waitFor();
    const projectTitle = dialog.getByLabel('New project’s title');
    assert.equal(await projectTitle.inputValue(), 'A lighthouse keeper finds a lost fox');
    await projectTitle.fill('The Keeper and the Fox');
    await dialog.getByLabel('Scenes').fill('2');
    await dialog.getByRole('radio', { name: 'Title cards' }).check();
    await dialog.getByLabel(/^Seed/).fill('11');
    await shot(page, 'from-prompt');
    await recordPromptRun(page);
    await dialog.getByRole('button', { name: 'Make the storyboard' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The new project opens; the run shows its progress with Cancel while the cards fill in, and takes the focus.
    // No time limits of their own: under load the model writes slowly, and the test's own timeout bounds the wait.
    await panel.getByRole('status', { name: 'Storyboard from a prompt' }).waitFor({ timeout: 0 });
    await waitForFocus(panel.getByRole('status', { name: 'Storyboard from a prompt' }));
    await panel.getByRole('list', { name: 'Scenes' }).locator(':scope > li').first().waitFor({ timeout: 0 });
    await shot(page, 'from-prompt-running');
    await panel.getByRole('status', { name: 'Storyboard from a prompt' }).waitFor({ state: 'detached', timeout: 0 });
    const state = await storyboardWhere(
      host,
      (s) => s.scenes.length > 0 && s.scenes.every((scene) => scene.imageAssetId && scene.narrationAssetId),
      'every scene has a picture and narration',
    );
    assert.equal(state.scenes.length, 2);
    const jobs = await ok<Job[]>(host, 'jobs.list');
    assert.equal(jobs.find((job) => job.kind === 'storyboard.fromPrompt')?.state, 'done');
    // It showed life: the words as they came, each scene's title as the model finished it, a bar that moved.
    const seen = await seenPromptRun(page);
    assert.ok(
      seen.details.some((detail) => /^Writing (the scenes… \d+ words?|scene \d of 2: )/.test(detail)),
      JSON.stringify(seen.details),
    );
    assert.ok(
      seen.titles.some((list) => list.some((title) => title.endsWith(TINY_LLAMA_SENTENCE))),
      JSON.stringify(seen.titles),
    );
    assert.ok(new Set(seen.values).size >= 3, `the bar moved: ${JSON.stringify(seen.values)}`);
    // The project keeps the creator's title: nothing renames it after the model's.
    assert.equal((await ok<{ title: string }>(host, 'projects.current')).title, 'The Keeper and the Fox');
    await panel.getByRole('img', { name: /^Picture of scene 2: / }).waitFor();
    await card(panel, 1).getByRole('button', { name: 'Play the narration of scene 2' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'from-prompt-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The creator's own words on scene 2 (the fixture model would only write its one sentence
    // again): Write must offer its text beside them, never over them.
    const draft = 'The keeper’s own notes, not the model’s.';
    await panel.getByLabel('Text of scene 2').fill(draft);
    await storyboardWhere(host, (s) => s.scenes[1]?.text === draft, 'the creator’s text saved');
    // Write drafts a scene's text from its title with the text model, streaming into the card.
    await card(panel, 1).getByRole('button', { name: 'Write' }).click();
    // The words so far show on the card with Stop while it writes; the fixture may finish too fast to catch, so a picture only if it shows.
    if (
      await card(panel, 1)
        .locator('.scene-job-partial')
        .waitFor({ timeout: 3000 })
        .then(
          () => true,
          () => false,
        )
    )
      await shot(page, 'writing');
    let write: Job | undefined;
    for (let tries = 0; !write && tries < 100; tries += 1) {
      write = (await ok<Job[]>(host, 'jobs.list')).find((job) => job.kind === 'storyboard.write');
      if (!write) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(write, 'Write started a storyboard.write job');
    assert.equal((await settled(host, write.id)).state, 'done');
    await card(panel, 1).getByRole('status', { name: 'Writing scene 2' }).waitFor({ state: 'detached' });
    // The scene had the creator's text: the new text is offered, and replaces it only on Accept.
    const before = (await ok<StoryboardState>(host, 'storyboard.get')).scenes[1]?.text ?? '';
    const offer = card(panel, 1).getByRole('group', { name: 'New text for scene 2' });
    await offer.waitFor();
    assert.equal(await panel.getByLabel('Text of scene 2').inputValue(), before);
    await offer.getByRole('button', { name: 'Accept' }).click();
    const written = (await storyboardWhere(host, (s) => s.scenes[1]?.text !== before, 'Accept saved the new text')).scenes[1]?.text ?? '';
    assert.notEqual(written.trim(), '');
    // The card shows what was saved once the storyboard's answer has rendered.
    const field = panel.getByLabel('Text of scene 2');
    await waitFor('the card to show the accepted text', async () => (await field.inputValue()) === written);
  });
});
