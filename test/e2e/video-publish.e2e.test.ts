import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Asset, ExportResult, Job, StoryboardState } from '../../preload/contract.js';
import { createStudio } from '../../main/app/studio.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS } from '../support/journey.js';
import { waitFor } from '../support/wait-for.js';
import { entrance, finishAnimations } from '../support/player-transitions.js';
import { buildStoryProject, exportOf } from '../support/story-project.js';
import sharp from 'sharp';
import { ffprobe, parseCues, saveFrame } from '../support/video-probe.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let browser: Browser;
let root: string;
let host: RunningWebHost;
/** Exported before the browser starts: a soft-captioned MP4 and the same captions as a WebVTT file. */
let softMp4: string;
let sidecarVtt: string;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  root = await tempHome('atelier-video-e2e-');
  const home = path.join(root, 'home');
  const studio = await createStudio({ host: 'cli', home });
  try {
    await buildStoryProject(studio, 'Harbour Night');
    softMp4 = (await exportOf(studio, { format: 'mp4' })).path;
    sidecarVtt = (await exportOf(studio, { format: 'vtt' })).path;
  } finally {
    await studio.dispose();
  }
  host = await startWebHostProcess({ home });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(E2E_ARTIFACTS, `video-publish-${name}.png`) });
}

async function api<T>(name: string, input: unknown = {}): Promise<T> {
  const reply = await callApi(host, name, input);
  assert.equal(reply.error, undefined, `${name}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

test('a 9:16 video with burned captions and a music bed, from scene settings through the preview to the Export dialog', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(host.url);
    // The music bed: a melodic loop made on the Voice tab's synth.
    const tabs = page.getByRole('tablist', { name: 'Workspace' });
    await tabs.getByRole('tab', { name: 'Voice', exact: true }).click();
    await page.getByRole('tabpanel', { name: 'Voice' }).getByRole('button', { name: 'Generate loop' }).click();
    const music = await waitFor('the synth’s loop in the project', async () =>
      (await api<Asset[]>('assets.list')).find((a) => a.kind === 'audio' && a.origin.parameters?.['kind'] === 'loop'),
    );
    await tabs.getByRole('tab', { name: 'Project', exact: true }).click();

    // Scene settings from the keyboard: open scene 2's Video disclosure, pick a move, give scene 3 a fixed length.
    const second = page.locator('li.scene-card').nth(1);
    await second.locator('summary').focus();
    await page.keyboard.press('Enter');
    const motion = second.getByLabel('Motion', { exact: true });
    await motion.focus();
    await motion.selectOption('zoom-in');
    await page.keyboard.press('Tab');
    await second.getByLabel('Enters with', { exact: true }).selectOption('fade-black');
    const third = page.locator('li.scene-card').nth(2);
    await third.locator('summary').focus();
    await page.keyboard.press('Enter');
    await third.getByLabel('Seconds on screen', { exact: true }).focus();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await third.getByText('Motion: Automatic · Cross-fade · 5 s').waitFor();
    await second.getByText('Motion: Zoom in · Fade through black · length from narration').waitFor();
    const saved = await api<StoryboardState>('storyboard.get');
    assert.deepEqual(saved.scenes[1]?.video, { motion: 'zoom-in', transition: 'fade-black' });
    assert.deepEqual(saved.scenes[2]?.video, { motion: 'auto', transition: 'cross-fade', durationSeconds: 5 });
    await shot(page, 'scene-settings');

    // Scene 2's focus point: a click on its picture puts the marker there, an arrow key moves it, Reset takes it off.
    const focusPicture = second.getByTestId('scene-focus-picture');
    const box = await focusPicture.boundingBox();
    assert.ok(box, 'the focus picture is on screen');
    await focusPicture.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await second.getByTestId('scene-focus-marker').waitFor();
    const clicked = await waitFor('the focus saved', async () => (await api<StoryboardState>('storyboard.get')).scenes[1]?.video?.focus);
    assert.ok(Math.abs(clicked.x - 0.5) < 0.05 && Math.abs(clicked.y - 0.5) < 0.05, JSON.stringify(clicked));
    await second.getByRole('button', { name: 'Reset focus' }).click();
    await second.getByTestId('scene-focus-marker').waitFor({ state: 'detached' });
    assert.equal((await api<StoryboardState>('storyboard.get')).scenes[1]?.video?.focus, undefined, 'reset');
    // Top right of the picture (its plain background, away from the circle), then two steps right from the keyboard.
    await focusPicture.click({ position: { x: box.width * 0.86, y: box.height * 0.2 } });
    await second.getByText(/focus set/).waitFor();
    await focusPicture.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const focus = await waitFor('the focus moved by the keyboard', async () => {
      const f = (await api<StoryboardState>('storyboard.get')).scenes[1]?.video?.focus;
      return f && f.x > 0.88 ? f : undefined;
    });
    assert.ok(Math.abs(focus.x - 0.9) < 0.03 && Math.abs(focus.y - 0.2) < 0.03, `focus ${JSON.stringify(focus)}`);
    await shot(page, 'focus-point');

    // The whole video's settings: the synth's loop as the project's music bed, scene 2 as the poster; one undo step each.
    const whole = page.locator('details.project-video');
    await whole.locator('summary').click();
    await whole.getByLabel('Project music bed', { exact: true }).selectOption(music.id);
    await whole.getByLabel('Poster frame', { exact: true }).selectOption({ label: 'Scene 2: A small visitor' });
    await whole.getByRole('img', { name: 'Poster frame: Scene 2: A small visitor' }).waitFor();
    assert.deepEqual((await api<StoryboardState>('storyboard.get')).video, { captions: 'soft', musicAssetId: music.id, posterSceneId: saved.scenes[1]?.id });
    await page.getByRole('toolbar', { name: 'Storyboard' }).getByRole('button', { name: 'Undo' }).click();
    await whole.getByRole('img', { name: 'Poster frame: the title card' }).waitFor();
    assert.equal((await api<StoryboardState>('storyboard.get')).video.musicAssetId, music.id, 'undo took back only the poster');
    await page.getByRole('toolbar', { name: 'Storyboard' }).getByRole('button', { name: 'Redo' }).click();
    await whole.getByRole('img', { name: 'Poster frame: Scene 2: A small visitor' }).waitFor();
    await shot(page, 'whole-video');
    // The project's caption mode: burned in. The Export dialog starts from it.
    await whole.getByLabel('Captions', { exact: true }).selectOption('burn');
    await waitFor('the caption mode saved', async () => (await api<StoryboardState>('storyboard.get')).video.captions === 'burn');
    await whole.getByText('Captions: burned in').waitFor();

    // The preview: a 9:16 frame with the export's caption lines over the narrated first scene.
    await page.getByRole('button', { name: 'Play storyboard' }).click();
    const player = page.getByRole('dialog', { name: 'Storyboard player' });
    await player.getByLabel('Frame').selectOption('9:16');
    await player.getByTestId('player-burned-caption').filter({ hasText: 'A keeper climbs' }).waitFor();
    await page.keyboard.press('Space');
    const frame = await player.getByTestId('player-frame').boundingBox();
    assert.ok(frame && Math.abs(frame.width / frame.height - 9 / 16) < 0.01, `the preview frame is 9:16: ${JSON.stringify(frame)}`);
    await shot(page, 'preview-9x16');

    // Transitions, held mid-way (paused, then each entrance set to a time): scene 2 fades through black,
    // scene 3 cross-fades over scene 2 with both pictures on screen.
    const main = player.getByRole('button', { name: /^(Play|Pause)$/ });
    await main.focus();
    if ((await main.getAttribute('aria-label')) === 'Pause') await page.keyboard.press('Space');
    await player.getByRole('status').filter({ hasText: 'Scene 1 of 3 · paused' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await player.getByRole('status').filter({ hasText: 'Scene 2 of 3' }).waitFor();
    const intoBlack = await entrance(page, 125);
    assert.ok(intoBlack.leaving, 'scene 1 stays beneath while scene 2 enters');
    assert.ok(
      Math.abs(intoBlack.leaving.brightness - 0.5) < 0.1 && intoBlack.entering.opacity < 0.05,
      `first half: down to black ${JSON.stringify(intoBlack)}`,
    );
    const upFromBlack = await entrance(page, 375);
    assert.ok(Math.abs(upFromBlack.entering.opacity - 0.5) < 0.1, `second half: up from black ${JSON.stringify(upFromBlack)}`);
    await finishAnimations(page);
    await player.getByTestId('player-frame-leaving').waitFor({ state: 'detached' });
    await page.keyboard.press('ArrowRight');
    await player.getByRole('status').filter({ hasText: 'Scene 3 of 3' }).waitFor();
    const cross = await entrance(page, 250);
    assert.ok(cross.leaving && cross.leaving.brightness === 1 && cross.leaving.pictureLoaded, `scene 2 fully beneath ${JSON.stringify(cross)}`);
    assert.ok(Math.abs(cross.entering.opacity - 0.5) < 0.1, `scene 3 half over it ${JSON.stringify(cross)}`);
    await shot(page, 'preview-cross-fade');
    await page.keyboard.press('Escape');
    await player.waitFor({ state: 'detached' });

    // The Export dialog: the Shorts preset, burned captions and the synth's loop as the music bed.
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export “Harbour Night”' });
    await dialog.getByRole('radio', { name: 'Shorts / Reels 9:16' }).check();
    // The dialog starts from the project's caption mode and music bed.
    await waitFor('the project’s caption mode in the dialog', () => dialog.getByRole('radio', { name: 'Burned in' }).isChecked());
    assert.equal(await dialog.getByLabel('Music bed').inputValue(), music.id);
    const estimate = await dialog.getByTestId('export-estimate').filter({ hasText: '1080×1920' }).textContent();
    await shot(page, 'export-dialog');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    // The exports folder was made by the exports before the browser started: no question this time.
    await dialog.getByText(/^Exported /).waitFor({ timeout: 240_000 });
    const jobs = await api<Job[]>('jobs.list');
    const result = jobs.find((j) => j.kind === 'projects.export' && j.state === 'done')?.result as ExportResult;
    assert.deepEqual(pageErrors, []);

    // ffprobe: the frame, the streams, no subtitle track (the captions are in the picture), the chapters, the length.
    const probe = ffprobe(result.path);
    const video = probe.streams.find((s) => s.codec_type === 'video' && !s.disposition?.['attached_pic']);
    assert.equal(video?.codec_name, 'h264');
    assert.deepEqual([video?.width, video?.height], [1080, 1920]);
    assert.equal(probe.streams.filter((s) => s.codec_type === 'audio').length, 1);
    assert.equal(probe.streams.filter((s) => s.codec_type === 'subtitle').length, 0, 'burned captions add no track');
    assert.deepEqual(
      probe.chapters.map((c) => c.tags?.['title']),
      ['The lighthouse', 'A small visitor', 'Morning'],
    );
    const seconds = Number(probe.format.duration);
    const estimated = Number(/About (\d+) s/.exec(estimate ?? '')?.[1]);
    assert.ok(Math.abs(seconds - estimated) <= 1, `${seconds} s against the estimate's ${estimated} s`);
    // The poster: scene 2's picture cropped around its focus point (its plain green-leaning background), 1080×1920.
    const poster = sharp(result.posterPath as string);
    assert.deepEqual(Object.values((({ width, height }) => ({ width, height }))(await poster.metadata())), [1080, 1920]);
    const [r = 0, g = 0, b = 0] = await poster.clone().extract({ left: 500, top: 900, width: 80, height: 80 }).resize(1, 1).raw().toBuffer();
    assert.ok(g > r + 40 && g > b + 40, `the poster is scene 2's background at its focus point: ${[r, g, b].join(',')}`);
    // And the project shows that poster frame.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('details.project-video').getByRole('img', { name: 'Poster frame: Scene 2: A small visitor' }).waitFor();
    await shot(page, 'poster-in-project');
    // Frames for a person to look at: scene 1 with its burned caption, and scene 3 (no narration, no caption).
    saveFrame(result.path, 1.6, path.join(E2E_ARTIFACTS, 'video-publish-9x16-scene1.png'));
    saveFrame(result.path, seconds - 1, path.join(E2E_ARTIFACTS, 'video-publish-9x16-scene3.png'));
  } catch (error) {
    await shot(page, 'failure').catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});

/** The little of the page's DOM these checks read (the tests are compiled without the DOM's types). */
interface PageGlobals {
  document: {
    getElementById(id: string): {
      readyState: number;
      duration: number;
      track: { cues: ArrayLike<{ startTime: number; endTime: number; text: string }> | null };
    };
  };
}

/** The cues Chromium parsed for a <track> on a video, once the track has loaded. */
async function browserCues(page: Page, video: string, track: string): Promise<{ start: number; end: number; text: string }[]> {
  const dir = path.dirname(video);
  await fs.writeFile(
    path.join(dir, 'watch.html'),
    `<!doctype html><video id="v" muted preload="auto" src="${path.basename(video)}"><track id="t" kind="captions" srclang="en" default src="${path.basename(track)}"></video>`,
  );
  // Served from one loopback origin: a file:// page may not load its track (each file is its own origin).
  const types: Record<string, string> = { '.html': 'text/html', '.mp4': 'video/mp4', '.vtt': 'text/vtt' };
  const server = http.createServer((request, response) => {
    const file = path.join(dir, path.basename(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    fs.readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/watch.html`);
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as PageGlobals;
      return document.getElementById('t').readyState === 2 && document.getElementById('v').readyState >= 1;
    });
    return await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      return Array.from(document.getElementById('t').track.cues ?? []).map((c) => ({ start: c.startTime, end: c.endTime, text: c.text }));
    });
  } finally {
    server.close();
  }
}

test(
  'Chromium reads the MP4’s caption track (taken out by Debian’s ffmpeg) and the WebVTT export with the same text and times',
  { timeout: 120_000 },
  async () => {
    const dir = path.join(root, 'watch');
    await fs.mkdir(dir, { recursive: true });
    const video = path.join(dir, 'story.mp4');
    await fs.copyFile(softMp4, video);
    // The MP4's own mov_text track, converted by an independent ffmpeg; Chromium plays no in-band MP4 text.
    const inBand = path.join(dir, 'in-band.vtt');
    const run = spawnSync('/usr/bin/ffmpeg', ['-v', 'error', '-i', video, '-map', '0:s:0', '-f', 'webvtt', inBand]);
    assert.equal(run.status, 0, String(run.stderr));
    await fs.copyFile(sidecarVtt, path.join(dir, 'sidecar.vtt'));
    const expected = parseCues(await fs.readFile(sidecarVtt, 'utf8'));
    assert.ok(expected.length >= 2, 'the narrated scenes have captions');

    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      for (const track of ['in-band.vtt', 'sidecar.vtt']) {
        const cues = await browserCues(page, video, path.join(dir, track));
        assert.deepEqual(
          cues.map((c) => c.text.replace(/\n/g, ' ')),
          expected.map((c) => c.lines.join(' ')),
          `${track}: the words`,
        );
        cues.forEach((cue, i) => {
          const want = expected[i] as (typeof expected)[number];
          assert.ok(
            Math.abs(cue.start - want.start) < 0.01 && Math.abs(cue.end - want.end) < 0.01,
            `${track} cue ${i}: ${JSON.stringify(cue)} against ${JSON.stringify(want)}`,
          );
        });
        // The words are the narration's: scene 1 then scene 2 (scene 3 is not narrated).
        assert.equal(cues.map((c) => c.text.replace(/\n/g, ' ')).join(' '), 'A keeper climbs the stairs at dusk. A fox waits by the door, soaked by the rain.');
        const duration = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById('v').duration);
        assert.ok((cues.at(-1)?.end ?? Infinity) <= duration, `the last cue ends within the ${duration} s video`);
      }
    } finally {
      await context.close();
    }
  },
);
