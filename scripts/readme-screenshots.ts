// Screenshots of the real studio for the README: a fresh data folder with the fixture
// text model, a small storyboard made through the same calls the UI makes (procedural
// pictures, espeak narration), then each tab in Chromium, light and dark.
// Run: node scripts/build.mjs && node --import tsx scripts/readme-screenshots.ts
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';
import { homeWithTinyLlama } from '../test/support/tiny-llama-home.js';
import { callApi, REPO_ROOT, startWebHostProcess, type RunningWebHost } from '../test/support/web-host.js';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');

const SCENES = [
  {
    title: 'The harbour at midnight',
    text: 'The ferry is tied up and the harbour is asleep. Only the lighthouse is awake, turning its slow beam over the water.',
  },
  { title: 'A light goes out', text: 'At ten past twelve the beam stops. The keeper climbs the hundred and twelve steps with a lantern and a bad feeling.' },
  { title: 'Seven ships', text: 'From the gallery she counts the ships waiting in the fog: seven of them, and not one of them on her chart.' },
];

async function call<T>(host: RunningWebHost, name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host, name, input);
  if (answer.error) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.result as T;
}

async function settle(host: RunningWebHost, jobId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const jobs = await call<{ id: string; state: string; error?: { message: string } }[]>(host, 'jobs.list');
    const job = jobs.find((j) => j.id === jobId);
    if (job?.state === 'done') return;
    if (job && (job.state === 'failed' || job.state === 'cancelled')) throw new Error(`job ${jobId} ${job.state}: ${job.error?.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function makeStoryboard(host: RunningWebHost): Promise<void> {
  await call(host, 'projects.create', { title: 'Harbour Night' });
  let state = await call<{ scenes: { id: string }[] }>(host, 'storyboard.get');
  for (const scene of SCENES) state = await call(host, 'storyboard.edit', { op: 'add', ...scene });
  for (const scene of state.scenes) {
    for (const action of ['illustrate', 'narrate'] as const) {
      const { jobId } = await call<{ jobId: string }>(host, 'storyboard.sceneAction', { sceneId: scene.id, action });
      await settle(host, jobId);
    }
  }
  const quote = await call<{ jobId: string }>(host, 'image.generate', {
    engine: 'procedural',
    template: 'quote-card',
    prompt: 'warm autumn',
    text: 'Seven ships, and not one of them on her chart.',
    width: 1280,
    height: 720,
    seed: 7,
  });
  await settle(host, quote.jobId);
}

async function shoot(page: Page, tab: string, file: string, prepare?: (page: Page) => Promise<void>): Promise<void> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await prepare?.(page);
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(OUT, file) });
  console.log(`wrote docs/screenshots/${file}`);
}

const { home } = await homeWithTinyLlama('atelier-readme-');
const host = await startWebHostProcess({ home });
const browser = await launchChromium();
try {
  await makeStoryboard(host);
  await fs.mkdir(OUT, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'Project', exact: true }).waitFor();
    await shoot(page, 'Project', `project-${scheme}.png`);
    if (scheme === 'light') {
      await shoot(page, 'Write', 'write.png', async (p) => {
        await p.getByRole('textbox').first().fill('Harbour Night, chapter one');
        await p
          .getByPlaceholder(/Start writing in Markdown/)
          .fill(`# The Harbour at Midnight\n\n${SCENES.map((scene) => `## ${scene.title}\n\n${scene.text}`).join('\n\n')}\n`);
      });
      await shoot(page, 'Image', 'image.png', async (p) => {
        await p.getByPlaceholder(/Mood and colour words/).fill('midnight harbour');
        await p.getByPlaceholder('The Harbour at Midnight').fill('The Harbour at Midnight\nA story in three scenes');
      });
      await shoot(page, 'Voice', 'voice.png');
      await shoot(page, 'Models', 'models-tab.png');
    }
    await context.close();
  }
} finally {
  await browser.close();
  await host.stop();
  await fs.rm(home, { recursive: true, force: true });
}
