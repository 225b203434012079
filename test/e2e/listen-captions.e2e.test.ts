import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Asset, ExportResult, InstalledModel } from '../../preload/contract.js';
import { encodeClip } from '../../main/core/audio/index.js';
import { parseCues } from '../../main/core/export/caption-files.js';
import { TINY_WHISPER_TEXT } from '../../models/fixtures/tiny-whisper.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { card, ok, settled, showProjectTab, storyboardWhere } from '../support/storyboard-page.js';
import { runCli, tempHome } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';
import { whisperModelFolder } from '../support/whisper-model.js';

// The listening issue's "done when", in the browser: a take from (Chromium's fake) microphone
// narrates a scene, its transcript captions the MP4; and dictation lands at the Write cursor.
const RATE = 48_000;

let browser: Browser;
let dir: string;

/** The fake microphone: 1 s of silence, 2 s of the speech-like sound the fixture's voice detector hears, 1 s of silence (looped). */
function microphoneSamples(): Float32Array {
  const out = new Float32Array(4 * RATE);
  for (let i = RATE; i < 3 * RATE; i++) {
    const t = i / RATE;
    out[i] = 0.3 * Math.sin(2 * Math.PI * 127 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 1.7 * t));
  }
  return out;
}

/** A data folder with the fixture Whisper model installed, as `atelier models import` leaves it. */
async function homeWithWhisper(): Promise<string> {
  const home = await tempHome('atelier-listen-e2e-');
  const folder = await whisperModelFolder(home, 'whisper-files');
  const run = runCli(['models', 'import', folder, '--reference'], { ATELIER_HOME: home });
  assert.equal(run.status, 0, run.stderr);
  const models = JSON.parse(runCli(['models', 'list', '--json'], { ATELIER_HOME: home }).stdout) as InstalledModel[];
  assert.ok(models.some((m) => m.modality === 'speech-to-text'));
  return home;
}

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-listen-'));
  const file = path.join(dir, 'fake-microphone.wav');
  await fs.writeFile(file, encodeClip({ samples: microphoneSamples(), sampleRate: RATE }));
  browser = await launchChromium({ fakeMicrophone: file });
});

after(async () => {
  await browser?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

test('a take narrates a scene; its transcript captions the MP4 and the scene card says so', { timeout: 600_000 }, async () => {
  await runJourney(
    browser,
    'listen-captions',
    async (page, host) => {
      await page.context().grantPermissions(['microphone'], { origin: host.origin });
      await ok(host, 'projects.create', { title: 'Heard Captions' });
      await ok(host, 'storyboard.edit', { op: 'add', title: 'Harbour', text: 'Text the take does not say.' });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Voice', exact: true }).click();
      const record = page.getByRole('tabpanel', { name: 'Voice' }).getByRole('region', { name: 'Record' });

      await record.getByRole('button', { name: 'Record' }).click();
      const meter = record.getByRole('meter', { name: 'Microphone level' });
      await waitFor('the sound on the meter', async () => Number(await meter.getAttribute('aria-valuenow')) > 40, { timeoutMs: 60_000 });
      await record.getByText(/0:0[3-9]/).waitFor({ timeout: 60_000 });
      await record.getByRole('button', { name: 'Stop' }).click();
      await record.getByText(/^Kept .* as “recording\.wav”/).waitFor({ timeout: 120_000 });
      const take = (await ok<Asset[]>(host, 'assets.list')).find((a) => a.origin.engine === 'microphone');
      assert.ok(take);

      // Use as narration starts the transcript at once (a model is installed).
      await record.getByRole('button', { name: 'Use as narration' }).click();
      await storyboardWhere(host, (s) => s.scenes[0]?.narrationAssetId === take.id, 'the take narrates scene 1');
      const transcript = await waitFor('the take’s transcript', async () =>
        (await ok<Asset[]>(host, 'assets.list')).find((a) => a.kind === 'text' && a.origin.parameters?.['source'] === take.id),
      );
      const projectPanel = await showProjectTab(page);
      const note = card(projectPanel, 0).getByRole('note', { name: 'Captions of scene 1' });
      await note.getByText(/Captions come from the recording’s transcript/).waitFor();
      assert.match((await note.textContent()) ?? '', new RegExp(transcript.name.replace(/[.]/g, '\\.')));
      await card(projectPanel, 0).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'listen-scene-card-captions.png') });

      // The MP4 and its SRT sidecar: the fixture model's words, not the scene text.
      const mp4 = await settled(host, (await ok<{ jobId: string }>(host, 'projects.export', { format: 'mp4', motion: 'off' })).jobId);
      assert.equal(mp4.state, 'done', JSON.stringify(mp4.error));
      assert.equal((mp4.result as ExportResult).notes, undefined);
      const srt = await settled(host, (await ok<{ jobId: string }>(host, 'projects.export', { format: 'srt' })).jobId);
      assert.equal(srt.state, 'done', JSON.stringify(srt.error));
      const cues = parseCues(await fs.readFile((srt.result as ExportResult).path, 'utf8'));
      assert.ok(cues.length >= 1, 'captions were made');
      assert.ok(
        cues.every((c) => c.text === TINY_WHISPER_TEXT),
        JSON.stringify(cues),
      );
      const transcripts = (await ok<Asset[]>(host, 'assets.list')).filter((a) => a.kind === 'text' && a.origin.parameters?.['source'] === take.id);
      assert.equal(transcripts.length, 1, 'the exports reused the transcript Use as narration made');
    },
    { viewport: { width: 1440, height: 1000 }, home: await homeWithWhisper() },
  );
});

test('dictation: hold-free Dictate button, a level while listening, the words at the cursor as one undoable edit', { timeout: 600_000 }, async () => {
  await runJourney(
    browser,
    'listen-dictation',
    async (page, host) => {
      await page.context().grantPermissions(['microphone'], { origin: host.origin });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Write', exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: 'Write' });
      const editor = panel.getByRole('textbox', { name: 'Document text' });
      await editor.fill('Before. After.');
      // The cursor between the two sentences.
      await editor.evaluate((el: { setSelectionRange(a: number, b: number): void; focus(): void }) => {
        el.focus();
        el.setSelectionRange(8, 8);
      });
      const dictate = panel.getByRole('button', { name: 'Dictate' });
      assert.match((await dictate.getAttribute('title')) ?? '', /hold (Ctrl|⌘)\+Shift\+Space/);
      await dictate.click();
      const meter = panel.getByRole('meter', { name: 'Dictation level' });
      await waitFor('the sound on the dictation meter', async () => Number(await meter.getAttribute('aria-valuenow')) > 40, { timeoutMs: 60_000 });
      // A take stopped the moment sound arrives is too short for all seven of the fixture's
      // tokens (it came back "The fox reads"): let the clock show three seconds first.
      await panel
        .getByRole('group', { name: 'Dictation' })
        .getByText(/0:0[3-9]/)
        .waitFor({ timeout: 60_000 });
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'listen-write-dictating.png') });
      await panel.getByRole('button', { name: 'Stop' }).click();
      const expected = `Before. ${TINY_WHISPER_TEXT} After.`;
      await waitFor(
        'the words at the cursor',
        async () => (await editor.inputValue()).startsWith(`Before. ${TINY_WHISPER_TEXT}`) && (await editor.inputValue()),
        {
          timeoutMs: 120_000,
        },
      );
      const text = await editor.inputValue();
      assert.ok(text.startsWith(`Before. ${TINY_WHISPER_TEXT}`) && text.endsWith('After.'), text);
      assert.equal(text.replace(/\s+/g, ' '), expected.replace(/\s+/g, ' '));
      await page.screenshot({ path: path.join(E2E_ARTIFACTS, 'listen-write-dictated.png') });
      // One undo takes the whole dictation back.
      await editor.focus();
      await page.keyboard.press('Control+Z');
      await waitFor('the dictation undone', async () => (await editor.inputValue()) === 'Before. After.');
    },
    { viewport: { width: 1440, height: 1000 }, home: await homeWithWhisper() },
  );
});
