import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { callApi, runCli, tempHome, type RunningWebHost } from '../support/web-host.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>, home?: string): Promise<void> {
  return runJourney(browser, name, run, { viewport: { width: 1440, height: 1000 }, ...(home && { home }) });
}

/** Minimal shapes of the DOM objects the checks touch (this file compiles without the DOM lib). */
interface AudioLike {
  paused: boolean;
  currentTime: number;
  duration: number;
  addEventListener(name: string, listener: () => void, options: { once: boolean }): void;
}
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

interface StorageLike {
  getItem(key: string): string | null;
}

interface AssetLike {
  id: string;
  kind: string;
  name: string;
  origin: { engine: string; prompt?: string; durationMs?: number; parameters?: Record<string, unknown> };
}

const GERMAN = 'Guten Abend. Der Hafen liegt still, und die Lichter flackern über dem dunklen Wasser. Die Fähre legt gleich ab.';

async function openVoiceTab(page: Page, host: RunningWebHost): Promise<Locator> {
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
  await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Voice', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Voice' });
  await panel.getByRole('listbox', { name: 'Voice' }).getByRole('option').first().waitFor();
  return panel;
}

async function assets(host: RunningWebHost): Promise<AssetLike[]> {
  const { result } = await callApi(host, 'assets.list');
  return result as AssetLike[];
}

/** Resolves when the player fires `playing`; arm it before the action that starts playback. */
function nextPlaying(audio: Locator): Promise<number> {
  return audio.evaluate((el: AudioLike) => new Promise<number>((resolve) => el.addEventListener('playing', () => resolve(el.currentTime), { once: true })));
}

test('narrate in German: search, generate with progress, the clip with its facts, its waveform, play and seek', { timeout: 120_000 }, async () => {
  await journey('voice-tab-narrate', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Harbour Night' });
    const panel = await openVoiceTab(page, host);
    await panel.getByRole('checkbox', { name: 'Play each new sound' }).uncheck();

    // Search by the language's own name, pick the voice.
    const voices = panel.getByRole('listbox', { name: 'Voice' });
    assert.ok((await voices.getByRole('option').count()) > 100, 'espeak lists its ~130 voices');
    await panel.getByRole('searchbox', { name: 'Search voices' }).fill('Deutsch');
    const german = voices.getByRole('option', { name: /^German\b/ });
    await german.click();
    assert.equal(await german.getAttribute('aria-selected'), 'true');
    await panel.getByText('1 of 132 voices').waitFor();

    // Enough text for several chunks, so the progress line is there to see.
    const script = panel.getByRole('textbox', { name: 'Text to speak' });
    await script.fill(Array.from({ length: 20 }, () => GERMAN).join(' '));
    await panel.getByText(`${(GERMAN.length * 20 + 19).toLocaleString('en')} / 100,000 characters`).waitFor();
    await panel.getByRole('button', { name: 'Generate', exact: true }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /\d+ of \d+/ })
      .waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Generate', exact: true }).isDisabled(), true, 'one narration at a time');

    // The clip lands in the project and the list, with how it was spoken.
    const row = panel.getByRole('list', { name: 'Sound clips' }).getByRole('listitem').filter({ hasText: 'Guten Abend' });
    await row.getByText(/^\d+ min( \d+ s)? · Built-in voice · German$/).waitFor({ timeout: 0 });
    await row.getByText(/^“Guten Abend\. Der Hafen liegt still/).waitFor();
    const [clip] = await assets(host);
    assert.ok(clip, 'the project holds the clip');
    assert.equal(clip.kind, 'audio');
    assert.equal(clip.origin.engine, 'espeak');
    assert.equal(clip.origin.parameters?.voiceName, 'German', 'the German voice spoke it');
    const seconds = (clip.origin.durationMs ?? 0) / 1000;
    assert.ok(seconds > 20, `60 sentences take a while to say (${seconds} s)`);

    // The waveform is drawn from the decoded clip: plenty of painted pixels.
    const player = panel.getByRole('region', { name: clip.name.replace(/\.wav$/, '').trim() });
    const canvas = player.locator('canvas');
    await canvas.waitFor();
    await page.waitForFunction(
      (el) => {
        const c = el as unknown as CanvasLike;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        if (data) for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) painted += 1;
        return painted > (c.width * c.height) / 20;
      },
      await canvas.elementHandle(),
    );
    await player.getByText(/^0:00\.0 \/ \d+:\d\d\.\d$/).waitFor();

    // Space on the waveform plays; the clip's time moves.
    const audio = panel.locator('audio');
    const wave = player.getByRole('slider', { name: 'Playback position' });
    const playing = nextPlaying(audio);
    await wave.focus();
    await page.keyboard.press('Space');
    await playing;
    await page.waitForFunction((el) => (el as unknown as AudioLike).currentTime > 0.3, await audio.elementHandle());
    await player.getByRole('button', { name: `Pause ${clip.name}` }).waitFor();

    // A click at three quarters seeks there; ← steps back; a drag scrubs.
    const box = await wave.boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    const afterClick = await audio.evaluate((el: AudioLike) => el.currentTime);
    assert.ok(Math.abs(afterClick - seconds * 0.75) < seconds * 0.05, `seeked to ${afterClick} of ${seconds} s`);
    await page.keyboard.press('ArrowLeft');
    const afterKey = await audio.evaluate((el: AudioLike) => el.currentTime);
    assert.ok(afterKey < afterClick - 0.5, `← went back from ${afterClick} to ${afterKey}`);
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const afterDrag = await audio.evaluate((el: AudioLike) => el.currentTime);
    assert.ok(Math.abs(afterDrag - seconds * 0.5) < seconds * 0.05, `dragged to ${afterDrag} of ${seconds} s`);

    // Space again pauses.
    await page.keyboard.press('Space');
    await player.getByRole('button', { name: `Play ${clip.name}` }).waitFor();
    assert.equal(await audio.evaluate((el: AudioLike) => el.paused), true);

    // The voice, rate and script are remembered across a reload.
    await panel.getByRole('slider', { name: 'Rate' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await panel.getByText('1.1×', { exact: true }).waitFor();
    await page.reload();
    const again = page.getByRole('tabpanel', { name: 'Voice' });
    await again
      .getByRole('listbox', { name: 'Voice' })
      .getByRole('option', { name: /^German\b/, selected: true })
      .waitFor();
    await again.getByText('1.1×', { exact: true }).waitFor();
    assert.match(await again.getByRole('textbox', { name: 'Text to speak' }).inputValue(), /^Guten Abend/);
  });
});

test('empty text is refused, the Write document fills the box, and Stop (or Esc) cancels a long narration', { timeout: 120_000 }, async () => {
  await journey('voice-tab-stop', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Lesson Notes' });
    await page.goto(host.url);
    // A document in the Write tab, with Markdown marks the voice should not read.
    const write = page.getByRole('tabpanel', { name: 'Write' });
    await write.getByRole('textbox', { name: 'Document text' }).fill('# Harbour Night\n\nThe ferry **leaves** at nine.\n\n- Bring a coat\n- Watch the lights');
    await write.getByText('Unsaved changes · draft kept on this computer').waitFor();
    // The Write tab keeps its draft a moment after typing stops; the Voice tab reads that draft.
    await page.waitForFunction(() => {
      const storage = (globalThis as unknown as { localStorage: StorageLike }).localStorage;
      return Object.keys(storage).some((key) => key.startsWith('atelier.write.draft.') && (storage.getItem(key) ?? '').includes('Watch the lights'));
    });
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Voice', exact: true }).click();
    const panel = page.getByRole('tabpanel', { name: 'Voice' });
    const script = panel.getByRole('textbox', { name: 'Text to speak' });
    const generate = panel.getByRole('button', { name: 'Generate', exact: true });

    // Nothing to say: refused with a sentence, and nothing is sent.
    await generate.click();
    await panel.getByText('There is no text to speak. Type or paste some, or use the Write document.').waitFor();
    assert.equal(await script.getAttribute('aria-invalid'), 'true');
    await script.fill('   \n ');
    await page.keyboard.press('Control+Enter');
    await panel.getByText('There is no text to speak.', { exact: false }).waitFor();
    assert.deepEqual((await callApi(host, 'jobs.list')).result, [], 'no job was started');

    await panel.getByRole('button', { name: 'Use the Write document' }).click();
    assert.equal(await script.inputValue(), 'Harbour Night.\n\nThe ferry leaves at nine.\n\nBring a coat. Watch the lights.');
    assert.equal(await script.getAttribute('aria-invalid'), null, 'the refusal went with the empty text');

    // A long script: Stop cancels it part way, and no clip is kept.
    const long = Array.from({ length: 600 }, (_, i) => `Sentence number ${i + 1} of the longest lesson, read slowly and clearly.`).join(' ');
    await script.fill(long);
    await generate.click();
    const progress = panel.getByRole('status').filter({ hasText: /\d+ of \d+/ });
    await progress.waitFor();
    await panel.getByRole('button', { name: 'Stop', exact: true }).click();
    await panel.getByText('Stopped. Nothing was added to the project.').waitFor();
    assert.equal(await generate.isDisabled(), false);

    // Ctrl+Enter starts it again; Esc stops it.
    await script.focus();
    await page.keyboard.press('Control+Enter');
    await progress.waitFor();
    await page.keyboard.press('Escape');
    await panel.getByText('Stopped. Nothing was added to the project.').waitFor();

    const jobs = (await callApi(host, 'jobs.list')).result as { kind: string; state: string }[];
    assert.deepEqual(
      jobs.filter((job) => job.kind === 'voice.generate').map((job) => job.state),
      ['cancelled', 'cancelled'],
    );
    assert.deepEqual(await assets(host), [], 'a stopped narration leaves no clip');
    await panel.getByText('No clips yet.', { exact: false }).waitFor();
  });
});

test('a natural voice: pick the Piper engine, a multi-speaker voice and a speaker, and narrate', { timeout: 120_000 }, async () => {
  // The project's own tiny Piper voices, imported before the host starts, as `atelier models import` does.
  await ensureFixtures({ only: ['tiny-piper', 'tiny-piper-multi'] });
  const home = await tempHome('atelier-e2e-voice-piper-');
  for (const name of ['tiny-piper', 'tiny-piper-multi'] as const) {
    const run = runCli(['models', 'import', path.join(fixturePath(name), `${name}.onnx`), '--reference'], { ATELIER_HOME: home });
    assert.equal(run.status, 0, run.stderr);
  }
  await journey(
    'voice-tab-piper',
    async (page, host) => {
      await callApi(host, 'projects.create', { title: 'Harbour Night' });
      const panel = await openVoiceTab(page, host);
      await panel.getByRole('checkbox', { name: 'Play each new sound' }).uncheck();
      assert.equal(await panel.getByText('Natural voices: download one in the').count(), 0, 'no download hint once a voice is installed');

      await panel.getByRole('radiogroup', { name: 'Engine' }).getByRole('radio', { name: 'Natural' }).check();
      const voices = panel.getByRole('listbox', { name: 'Voice' });
      assert.equal(await voices.getByRole('option').count(), 2, 'the two installed Piper voices');
      assert.equal(await panel.getByRole('slider', { name: 'Pitch' }).count(), 0, 'Piper has no pitch');
      await panel.getByRole('searchbox', { name: 'Search voices' }).fill('multi american');
      await voices.getByRole('option', { name: /^tiny-piper-multi/ }).click();
      await voices.getByText('en-US · American English · very light · 3 speakers').waitFor();
      await panel.getByRole('combobox', { name: 'Speaker' }).selectOption({ label: 'gull' });

      await panel.getByRole('textbox', { name: 'Text to speak' }).fill('The harbour is quiet tonight. The gulls are asleep.');
      await panel.getByRole('button', { name: 'Generate', exact: true }).click();
      const row = panel.getByRole('list', { name: 'Sound clips' }).getByRole('listitem').filter({ hasText: 'The harbour is quiet' });
      await row.getByText(/ · Natural voice · tiny-piper-multi \(en_US, x_low\) · gull$/).waitFor({ timeout: 0 });
      const [clip] = await assets(host);
      assert.equal(clip?.origin.engine, 'piper');
      assert.equal(clip?.origin.parameters?.speakerName, 'gull');
      assert.equal(clip?.origin.parameters?.speaker, 2);
      await panel.getByRole('slider', { name: 'Playback position' }).locator('canvas').waitFor();
    },
    home,
  );
});
