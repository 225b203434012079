import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey as runJourney } from '../support/journey.js';
import { callApi, type RunningWebHost } from '../support/web-host.js';

let browser: Browser;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function journey(name: string, run: (page: Page, host: RunningWebHost) => Promise<void>): Promise<void> {
  return runJourney(browser, name, run, { viewport: { width: 1440, height: 1000 } });
}

/** Minimal shapes of the DOM objects the checks touch (this file compiles without the DOM lib). */
interface AudioLike {
  src: string;
  paused: boolean;
  currentTime: number;
  addEventListener(name: string, listener: () => void, options: { once: boolean }): void;
}
interface AudioBufferLike {
  duration: number;
  numberOfChannels: number;
  getChannelData(channel: number): Float32Array;
}
interface AudioContextLike {
  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike>;
  close(): Promise<void>;
}

/** Resolves when the clip player fires `playing`; arm it before the click that starts playback. */
function nextPlaying(audio: Locator): Promise<number> {
  return audio.evaluate((el: AudioLike) => new Promise<number>((resolve) => el.addEventListener('playing', () => resolve(el.currentTime), { once: true })));
}

function clipList(page: Page): Locator {
  return page.getByRole('list', { name: 'Sound clips' });
}

async function openVoiceTab(page: Page, host: RunningWebHost): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
  await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Voice', exact: true }).click();
  await page.getByRole('tabpanel', { name: 'Voice' }).waitFor();
}

test('click a preset: the clip is made, lands in the project, decodes and plays', { timeout: 90_000 }, async () => {
  await journey('voice-effects-coin', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Arcade' });
    await openVoiceTab(page, host);
    const panel = page.getByRole('tabpanel', { name: 'Voice' });
    await panel.getByText('No clips yet.', { exact: false }).waitFor();

    const audio = panel.locator('audio');
    const playing = nextPlaying(audio);
    await panel.getByRole('button', { name: 'Generate coin sound' }).click();

    // The new clip plays by itself ("Play each new sound" is on) and shows up in the list and the sidebar.
    await playing;
    const row = clipList(page).getByRole('listitem').filter({ hasText: /^coin/ });
    await row.waitFor();
    await row.getByText(/^0\.\d\d s · Coin · seed 0$/).waitFor();
    await page.getByRole('navigation', { name: 'Projects and assets' }).getByText('coin.wav', { exact: true }).waitFor();
    const tray = page.getByRole('region', { name: 'Jobs' });
    await tray.getByRole('button', { name: 'Show finished jobs' }).click();
    await tray.getByRole('listitem').filter({ hasText: 'Synthesize Coin (seed 0)' }).waitFor();

    // Chromium's own decoder reads the clip's bytes. The page's CSP keeps fetch() to its own origin and
    // sockets, so the test fetches the file with the launch token and hands the bytes to the page.
    const [asset] = (await callApi(host, 'assets.list')).result as { id: string; size: number; origin: { durationMs: number; seed: number } }[];
    assert.ok(asset, 'the project holds the clip');
    const file = await fetch(`${host.origin}/files/${asset.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
    const base64 = Buffer.from(await file.arrayBuffer()).toString('base64');
    const decoded = await page.evaluate(async (encoded: string) => {
      const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
      const blob = new Blob([bytes], { type: 'audio/wav' });
      const AudioContext = (globalThis as unknown as { AudioContext: new () => AudioContextLike }).AudioContext;
      const context = new AudioContext();
      try {
        const buffer = await context.decodeAudioData(await blob.arrayBuffer());
        let peak = 0;
        for (const value of buffer.getChannelData(0)) peak = Math.max(peak, Math.abs(value));
        return { bytes: blob.size, duration: buffer.duration, channels: buffer.numberOfChannels, peak };
      } finally {
        await context.close();
      }
    }, base64);
    const player = await audio.evaluate((el: AudioLike & { duration: number }) => ({ src: el.src, duration: el.duration }));
    assert.match(player.src, /^blob:/, 'the player got the clip as a blob');
    assert.ok(Math.abs(player.duration * 1000 - asset.origin.durationMs) < 5, `the player read ${player.duration} s`);
    assert.equal(decoded.bytes, asset.size);
    assert.equal(decoded.channels, 1);
    assert.ok(Math.abs(decoded.duration * 1000 - asset.origin.durationMs) < 5, `decoded ${decoded.duration} s`);
    assert.ok(decoded.peak > 0.8 && decoded.peak < 1, `peak ${decoded.peak}: about −1 dBFS`);
  });
});

test('ambience of a chosen length, play and pause from the list, and Randomize', { timeout: 90_000 }, async () => {
  await journey('voice-effects-ambience', async (page, host) => {
    await callApi(host, 'projects.create', { title: 'Harbour Night' });
    await openVoiceTab(page, host);
    const panel = page.getByRole('tabpanel', { name: 'Voice' });
    await panel.getByRole('checkbox', { name: 'Play each new sound' }).uncheck();
    await panel.getByRole('spinbutton', { name: 'Length' }).fill('6');
    await panel.getByRole('button', { name: 'Generate rain ambience' }).click();

    const row = clipList(page)
      .getByRole('listitem')
      .filter({ hasText: /^rain-6-s/ });
    await row.getByText('6 s · Rain · seed 0').waitFor();
    const audio = panel.locator('audio');
    assert.equal(await audio.evaluate((el: AudioLike) => el.paused), true, 'nothing plays by itself when the box is off');

    const playing = nextPlaying(audio);
    await row.getByRole('button', { name: 'Play rain-6-s.wav' }).click();
    await playing;
    await row.getByRole('button', { name: 'Pause rain-6-s.wav' }).click();
    await row.getByRole('button', { name: 'Play rain-6-s.wav' }).waitFor();
    assert.equal(await audio.evaluate((el: AudioLike) => el.paused), true, 'Pause pauses');

    // Randomize picks a new seed, and the next effect is that variation.
    const seed = panel.getByRole('spinbutton', { name: 'Seed' });
    assert.equal(await seed.inputValue(), '0');
    await panel.getByRole('button', { name: 'Randomize' }).click();
    const picked = await seed.inputValue();
    assert.match(picked, /^[1-9]\d*$/);
    await panel.getByRole('button', { name: 'Generate laser sound' }).click();
    await clipList(page)
      .getByRole('listitem')
      .filter({ hasText: /^laser/ })
      .getByText(`· seed ${picked}`, { exact: false })
      .waitFor();
    assert.equal(await clipList(page).getByRole('listitem').count(), 2);

    // A seed outside the range is refused before anything is sent.
    await seed.fill('-4');
    assert.equal(await panel.getByRole('button', { name: 'Generate coin sound' }).isDisabled(), true);
    await panel.getByText('The seed is a whole number from 0 to').waitFor();
  });
});
