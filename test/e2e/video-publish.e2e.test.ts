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
import { buildStoryProject, exportOf } from '../support/story-project.js';
import { ffprobe, parseCues, saveFrame } from '../support/video-probe.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let browser: Browser;
let root: string;
let host: RunningWebHost;
let music: Asset;
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
    // The music bed: a melodic loop from the Voice tab's synth.
    const { jobId } = (await studio.call('sound.generate', { kind: 'loop', tempo: 96, key: 'D', scale: 'minor', bars: 2, seed: 3 })) as { jobId: string };
    music = (await studio.jobs.settled(jobId)).result as Asset;
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
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();

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

    // The preview: a 9:16 frame with the export's caption lines over the narrated first scene.
    await page.getByRole('button', { name: 'Play storyboard' }).click();
    const player = page.getByRole('dialog', { name: 'Storyboard player' });
    await player.getByLabel('Frame').selectOption('9:16');
    await player.getByTestId('player-burned-caption').filter({ hasText: 'A keeper climbs' }).waitFor();
    await page.keyboard.press('Space');
    const frame = await player.getByTestId('player-frame').boundingBox();
    assert.ok(frame && Math.abs(frame.width / frame.height - 9 / 16) < 0.01, `the preview frame is 9:16: ${JSON.stringify(frame)}`);
    await shot(page, 'preview-9x16');
    await page.keyboard.press('Escape');
    await player.waitFor({ state: 'detached' });

    // The Export dialog: the Shorts preset, burned captions and the synth's loop as the music bed.
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export “Harbour Night”' });
    await dialog.getByRole('radio', { name: 'Shorts / Reels 9:16' }).check();
    await dialog.getByRole('radio', { name: 'Burned in' }).check();
    await dialog.getByLabel('Music bed').selectOption(music.id);
    const estimate = await dialog.getByTestId('export-estimate').filter({ hasText: '1080×1920' }).textContent();
    await shot(page, 'export-dialog');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
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
    await fs.access(result.posterPath as string);
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
