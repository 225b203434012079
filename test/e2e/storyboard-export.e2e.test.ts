import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Job, StoryboardState } from '../../preload/contract.js';
import { decodeWav } from '../../main/platform/audio/wav.js';
import { launchChromium } from '../support/chromium.js';
import { exportedHtmlFacts } from '../support/exported-html.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { probeMedia } from '../support/media-probe.js';
import { card, ok, showProjectTab, storyboardWhere, titles, waitForFocus } from '../support/storyboard-page.js';
import type { RunningWebHost } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

/** Where the brief asks the export pictures to be kept, besides the test artifacts. */
const SHOTS = process.env.ATELIER_SHOTS ?? path.join(E2E_ARTIFACTS, 'shots');

let browser: Browser;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function keep(file: string, name: string): Promise<void> {
  const artifact = path.join(E2E_ARTIFACTS, `storyboard-export-${name}.png`);
  if (artifact !== file) await fs.copyFile(file, artifact);
  await fs.copyFile(file, path.join(SHOTS, `export-${name}.png`));
}

/** Writes a scene's title and text on its card, the title by typing into the focused field. */
async function writeScene(page: Page, panel: Locator, n: number, title: string, text: string): Promise<void> {
  await waitForFocus(panel.getByLabel(`Title of scene ${n}`));
  await page.keyboard.type(title);
  await panel.getByLabel(`Text of scene ${n}`).fill(text);
}

/** Runs one export from the open Export dialog and returns the finished job's file. */
async function exportFrom(dialog: Locator, host: RunningWebHost, format: 'MP4' | 'HTML'): Promise<string> {
  await dialog.getByRole('radio', { name: format, exact: true }).check();
  if (format === 'MP4') await dialog.getByRole('radio', { name: /^720p/ }).check();
  const before = new Set((await ok<Job[]>(host, 'jobs.list')).map((job) => job.id));
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  // The project's first export asks before it makes the exports folder.
  if (format === 'MP4') await dialog.getByRole('button', { name: 'Create folder and export' }).click();
  await dialog.getByText(/^Exported /).waitFor({ timeout: 0 });
  const shot = path.join(E2E_ARTIFACTS, `storyboard-export-dialog-${format.toLowerCase()}.png`);
  await dialog.page().screenshot({ path: shot, animations: 'disabled' });
  await keep(shot, `dialog-${format.toLowerCase()}`);
  const job = (await ok<Job[]>(host, 'jobs.list')).find((j) => j.kind === 'projects.export' && !before.has(j.id));
  assert.equal(job?.state, 'done', JSON.stringify(job));
  const file = (job.result as { path: string }).path;
  assert.ok((await dialog.textContent())?.includes(file), 'the dialog names the exported file');
  return file;
}

/** Narration length of a scene as its WAV file says (read here, not by the exporter). */
async function narrationSeconds(projectDir: string, state: StoryboardState, assetId: string): Promise<number> {
  const data = (await readProjectStrictly(projectDir)) as { assets: Record<string, { file: string }> };
  const clip = decodeWav(await fs.readFile(path.join(projectDir, data.assets[assetId]?.file as string)));
  assert.ok(state.scenes.some((scene) => scene.narrationAssetId === assetId));
  return clip.samples.length / clip.sampleRate;
}

test(
  'Journey: new project → write a scene → illustrate → narrate → a second scene → reorder → export MP4 and HTML, checked outside Atelier',
  { timeout: 300_000 },
  async () => {
    await journey(
      browser,
      'storyboard-export',
      async (page, host) => {
        await page.goto(host.url);
        await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();

        // The New project dialog from the sidebar.
        await page.getByRole('button', { name: 'New project', exact: true }).click();
        const named = page.getByRole('dialog', { name: 'New project' });
        await named.getByLabel('Project title').fill('Harbour Night');
        await named.getByRole('button', { name: 'Create' }).click();
        await named.waitFor({ state: 'detached' });

        // Scene 1, typed on its card, then illustrated (procedural: no diffusion model here) and narrated (espeak).
        const panel = await showProjectTab(page);
        await panel.getByRole('heading', { name: 'Harbour Night' }).waitFor();
        await panel.getByRole('button', { name: 'Add a scene', exact: true }).click();
        await writeScene(page, panel, 1, 'The lighthouse', 'The keeper climbs the stairs at dusk and lights the lamp.');
        await card(panel, 0).getByRole('button', { name: 'Illustrate' }).click();
        await panel.getByRole('img', { name: /^Picture of scene 1: / }).waitFor({ timeout: 0 });
        await card(panel, 0).getByRole('button', { name: 'Narrate' }).click();
        await card(panel, 0).getByRole('button', { name: 'Play the narration of scene 1' }).waitFor({ timeout: 0 });

        // Scene 2: written and illustrated, no narration (so the video shows a silent scene too).
        await panel.getByRole('toolbar', { name: 'Storyboard' }).getByRole('button', { name: 'Add scene' }).click();
        await writeScene(page, panel, 2, 'A small visitor', 'A fox waits by the door, soaked by the rain.');
        await card(panel, 1).getByRole('button', { name: 'Illustrate' }).click();
        await panel.getByRole('img', { name: /^Picture of scene 2: / }).waitFor({ timeout: 0 });
        await storyboardWhere(
          host,
          (s) =>
            titles(s).join('|') === 'The lighthouse|A small visitor' && s.scenes.every((scene) => scene.imageAssetId) && Boolean(s.scenes[0]?.narrationAssetId),
          'two scenes, both illustrated, the first narrated',
        );

        // Reorder by keyboard: Alt+↑ on the second card puts the fox first.
        await card(panel, 1).focus();
        await page.keyboard.press('Alt+ArrowUp');
        const state = await storyboardWhere(host, (s) => titles(s).join('|') === 'A small visitor|The lighthouse', 'Alt+↑ moves the fox first');
        // Main answers before the cards re-render, so the page is given a moment to follow.
        const firstTitle = panel.getByLabel('Title of scene 1');
        for (let tries = 0; tries < 50 && (await firstTitle.inputValue()) !== 'A small visitor'; tries += 1) await page.waitForTimeout(100);
        assert.equal(await firstTitle.inputValue(), 'A small visitor');

        // Export MP4 then HTML from the Project tab's Export dialog.
        await panel.getByRole('button', { name: 'Export…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Export “Harbour Night”' });
        await dialog.waitFor();
        const mp4 = await exportFrom(dialog, host, 'MP4');
        const html = await exportFrom(dialog, host, 'HTML');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        const projectDir = path.dirname(path.dirname(mp4));
        assert.equal(path.basename(path.dirname(mp4)), 'exports');

        // The MP4, as ffmpeg reads it: H.264 + AAC at 720p, a silent 4 s scene then the narrated one, one 0.5 s cross-fade.
        const facts = probeMedia(mp4);
        assert.equal(facts.video?.codec, 'h264', facts.raw);
        assert.equal(facts.video?.width, 1280);
        assert.equal(facts.video?.height, 720);
        assert.equal(facts.audio?.codec, 'aac', facts.raw);
        const narrated = Math.ceil(((await narrationSeconds(projectDir, state, state.scenes[1]?.narrationAssetId as string)) + 0.75) * 24) / 24;
        const expected = 4 + narrated - 0.5;
        assert.ok(Math.abs(facts.durationSeconds - expected) < 0.2, `duration ${facts.durationSeconds} vs ${expected}`);

        // One frame from the middle of each scene, as PNG; the two pictures differ.
        const frames: string[] = [];
        for (const [i, at] of [2, 3.5 + narrated / 2].entries()) {
          const frame = path.join(E2E_ARTIFACTS, `storyboard-export-frame-${i + 1}.png`);
          const grab = spawnSync(ffmpeg.path, ['-v', 'error', '-y', '-ss', at.toFixed(2), '-i', mp4, '-frames:v', '1', frame], { encoding: 'utf8' });
          assert.equal(grab.status, 0, grab.stderr);
          const meta = await sharp(frame).metadata();
          assert.deepEqual([meta.width, meta.height], [1280, 720]);
          frames.push(frame);
          await keep(frame, `mp4-scene-${i + 1}`);
        }
        const [a, b] = await Promise.all(frames.map((f) => sharp(f).resize(32, 18).raw().toBuffer()));
        assert.ok(a && b && !a.equals(b), 'each scene shows its own picture');

        // The HTML, opened in Chromium from disk: both pictures decode, the narration plays.
        const viewer = await page.context().newPage();
        const requests: string[] = [];
        viewer.on('request', (r) => {
          if (!r.url().startsWith('data:') && !r.url().startsWith('file:')) requests.push(r.url());
        });
        await viewer.goto(`file://${html}`);
        const seen = await exportedHtmlFacts(viewer);
        assert.equal(seen.scenes, 2);
        assert.equal(seen.images.length, 2);
        for (const image of seen.images) assert.ok(image.w > 0 && image.h > 0, JSON.stringify(image));
        assert.equal(seen.durations.length, 1);
        assert.ok(Math.abs((seen.durations[0] as number) - (narrated - 0.75)) < 0.1, `audio duration ${seen.durations[0]}`);
        assert.equal(seen.position, '1 / 2');
        await viewer.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-export-html.png') });
        await keep(path.join(E2E_ARTIFACTS, 'storyboard-export-html.png'), 'html-scene-1');
        await viewer.click('#next');
        await viewer.click('#play');
        // Playing: the narration's clock moves (however long a loaded machine takes to start it).
        // (Polled with evaluate: the exported page's CSP forbids the eval that waitForFunction uses for a string.)
        let playedTo = 0;
        await waitFor(
          'the narration to play',
          async () => (playedTo = Number(await viewer.evaluate(`document.querySelector('#scene-2 audio').currentTime`))) > 0.3,
          { intervalMs: 100 },
        ).catch(() => undefined);
        assert.ok(playedTo > 0.3, `the narration played to ${playedTo} s`);
        await viewer.screenshot({ path: path.join(E2E_ARTIFACTS, 'storyboard-export-html-2.png') });
        await keep(path.join(E2E_ARTIFACTS, 'storyboard-export-html-2.png'), 'html-scene-2');
        assert.deepEqual(requests, [], 'the page made no network requests');
        await viewer.close();
      },
      { viewport: { width: 1440, height: 1000 } },
    );
  },
);
