import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import type { StoryboardState } from '../../preload/contract.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS, journey } from '../support/journey.js';
import { ok, settled } from '../support/api-calls.js';
import type { RunningWebHost } from '../support/web-host.js';

/**
 * axe-core on every tab and dialog, in both themes, at 1280×720: zero serious or critical
 * violations. The same pass saves a screenshot of each tab; `npm run screenshots` points
 * ATELIER_SCREENSHOTS at docs/screenshots/ to refresh the README's pictures.
 */
const SHOTS = process.env.ATELIER_SCREENSHOTS ? path.resolve(process.env.ATELIER_SCREENSHOTS) : path.join(E2E_ARTIFACTS, 'tabs');
const TABS = ['Write', 'Image', 'Voice', 'Project', 'Models'] as const;
const THEMES = ['light', 'dark'] as const;

let browser: Browser;
let axeSource: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  // Resolved as a package (not a path under node_modules), so a hoisted or nested install both work.
  axeSource = await fs.readFile(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe in the page (injected once per load; the test context bypasses the CSP) and returns the serious and critical findings. */
async function seriousViolations(page: Page, where: string): Promise<Finding[]> {
  // Only once nothing is moving: a fade's half-way colours are not the ones a reader gets.
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== 'running'),
  );
  const injected = await page.evaluate(() => 'axe' in globalThis);
  if (!injected) await page.addScriptTag({ content: axeSource });
  const findings = await page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const axe = (globalThis as unknown as { axe: { run(options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  if (findings.length > 0) await page.screenshot({ path: path.join(E2E_ARTIFACTS, `axe-${where}.png`) });
  return findings;
}

/** Every place's findings, asserted once at the end so one run lists them all. */
const found: Record<string, Finding[]> = {};

async function check(page: Page, where: string): Promise<void> {
  const findings = await seriousViolations(page, where);
  if (findings.length > 0) found[where] = findings;
}

async function openTab(page: Page, name: (typeof TABS)[number]): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name });
  await panel.waitFor();
  // Tabs load their code on first visit; wait until the panel shows more than its loading state.
  // (The tab's own status line, not a scene picture still saying it is loading.)
  await panel
    .getByRole('status')
    .filter({ hasText: /^\s*Loading…$/ })
    .waitFor({ state: 'detached' });
  return panel;
}

async function dialogCheck(page: Page, open: () => Promise<void>, name: string | RegExp, where: string): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await check(page, where);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

const SCENES = [
  {
    title: 'The harbour at midnight',
    text: 'The ferry is tied up and the harbour is asleep. Only the lighthouse is awake, turning its slow beam over the water.',
  },
  { title: 'A light goes out', text: 'At ten past twelve the beam stops. The keeper climbs the hundred and twelve steps with a lantern and a bad feeling.' },
  { title: 'Seven ships', text: 'From the gallery she counts the ships waiting in the fog: seven of them, and not one of them on her chart.' },
];

/** A project with a little of everything (the README's storyboard), so each tab shows its lists as well as its forms. */
async function seed(host: RunningWebHost): Promise<void> {
  await ok(host, 'projects.create', { title: 'Harbour Night' });
  for (const scene of SCENES) await ok(host, 'storyboard.edit', { op: 'add', ...scene });
  const { scenes } = await ok<StoryboardState>(host, 'storyboard.get');
  for (const scene of scenes) {
    for (const action of ['illustrate', 'narrate'] as const) {
      const { jobId } = await ok<{ jobId: string }>(host, 'storyboard.sceneAction', { sceneId: scene.id, action });
      assert.equal((await settled(host, jobId)).state, 'done');
    }
  }
  const quote = await ok<{ jobId: string }>(host, 'image.generate', {
    engine: 'procedural',
    template: 'quote-card',
    prompt: 'warm autumn',
    text: 'Seven ships, and not one of them on her chart.',
    width: 1280,
    height: 720,
    seed: 7,
  });
  assert.equal((await settled(host, quote.jobId)).state, 'done');
}

test('every tab and dialog passes axe-core (no serious or critical violations) in both themes; each tab is photographed', { timeout: 300_000 }, async () => {
  await journey(
    browser,
    'accessibility',
    async (page, host) => {
      await seed(host);
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      for (const theme of THEMES) {
        // Reduced motion: axe measures colours as painted, and a dialog fading in has not reached its contrast yet.
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        for (const tab of TABS) {
          await openTab(page, tab);
          await check(page, `${tab.toLowerCase()}-${theme}`);
          // Colours ease after a theme switch; 'disabled' finishes those transitions first.
          await page.screenshot({ path: path.join(SHOTS, `${tab.toLowerCase()}-${theme}.png`), animations: 'disabled' });
        }
        await dialogCheck(page, () => page.getByRole('button', { name: 'Settings', exact: true }).click(), 'Settings', `settings-${theme}`);
        await dialogCheck(
          page,
          () => page.getByRole('navigation', { name: 'Projects and assets' }).getByRole('button', { name: 'New project', exact: true }).click(),
          'New project',
          `new-project-${theme}`,
        );
        const project = await openTab(page, 'Project');
        await dialogCheck(page, () => project.getByRole('button', { name: 'Export…' }).click(), /^Export /, `export-${theme}`);
        await dialogCheck(page, () => project.getByRole('button', { name: 'From a prompt…' }).click(), 'A storyboard from a prompt', `from-prompt-${theme}`);
      }
      assert.deepEqual(found, {}, JSON.stringify(found, null, 2));
    },
    { viewport: { width: 1280, height: 720 }, bypassCSP: true },
  );
});
