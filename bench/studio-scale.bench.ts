// `npm run bench studio-scale`: the studio in real Chromium (1440×900, against the web host)
// with a 1-scene/10-asset project beside a 500-scene/2,000-asset one (bench/scale-project.ts).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FIRST_ASSETS, type ProjectSummary, type StoryboardState } from '../preload/contract.js';
import { launchChromium } from '../test/support/chromium.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../test/support/web-host.js';
import { report } from './report.js';
import { LARGE, SMALL, scaleProjectHome, type ScaleSpec } from './scale-project.js';

export interface ScaleSample {
  firstPaintMs: number;
  studioShownMs: number;
  openMs: number;
  domNodes: number;
  images: number;
  galleryDomNodes: number;
  galleryImages: number;
  assetGridDomNodes: number;
  assetGridImages: number;
  keystrokeMs: number;
  keystrokeP90Ms: number;
  editMs: number;
  bytesPerEdit: number;
  listMs: number;
  firstPageMs: number;
}

const SHOTS = path.join(process.cwd(), 'test-artifacts', 'bench');
const shot = (spec: ScaleSpec, what: string) => path.join(SHOTS, `studio-scale-${spec.scenes}-${spec.assets}-${what}.png`);

const EDITS = 20;
const KEYS = 'the keeper looks out to sea';

function median(values: number[], at = 0.5): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * at))] as number;
}

async function api<T>(host: RunningWebHost, name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host, name, input);
  if (answer.status !== 200) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

/** Bytes the host process handed to the storage layer (/proc/PID/io), which counts what reached a file. */
async function bytesWritten(pid: number): Promise<number> {
  const io = await fs.readFile(`/proc/${pid}/io`, 'utf8');
  return Number(/write_bytes:\s+(\d+)/.exec(io)?.[1] ?? NaN);
}

// The page's side runs as script text: this file is type-checked for Node, without the DOM's types.
const CENSUS = `({ nodes: document.getElementsByTagName('*').length, images: document.getElementsByTagName('img').length })`;

const OPEN = (title: string) => `(async () => {
  const row = [...document.querySelectorAll('.project-item')].find((b) => b.querySelector('.project-item-title')?.textContent === ${JSON.stringify(title)});
  if (!row) throw new Error('no project row');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const started = performance.now();
  row.click();
  for (;;) {
    await frame();
    if (document.querySelector('[data-scene-id] .scene-text-input') && document.querySelector('.asset-item')) break;
  }
  // One more frame: the one that paints what was just rendered.
  await frame();
  return performance.now() - started;
})()`;

const LISTEN = `(() => {
  window.__latencies = [];
  document.addEventListener('keydown', () => {
    const started = performance.now();
    requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - started), 0));
  }, { capture: true });
})()`;

/** Counts once the page has been still for a moment (lazy thumbnails have arrived). */
async function census(page: Page): Promise<{ nodes: number; images: number }> {
  await page.waitForTimeout(1500);
  return page.evaluate<{ nodes: number; images: number }>(CENSUS);
}

/** Clicks the project in the sidebar and waits, frame by frame, for its first scene and first asset. */
async function openProject(page: Page, title: string): Promise<number> {
  return page.evaluate<number>(OPEN(title));
}

/** From keydown to the frame after the input event, per key, typed at a person's pace. */
async function keystrokes(page: Page): Promise<number[]> {
  const field = page.locator('[data-scene-id] .scene-text-input').first();
  await field.click({ timeout: 300_000 });
  await page.keyboard.press('End');
  await page.evaluate(LISTEN);
  await page.keyboard.type(KEYS, { delay: 60 });
  await page.waitForTimeout(800);
  return page.evaluate<number[]>('window.__latencies');
}

async function measure(browser: Browser, spec: ScaleSpec): Promise<ScaleSample> {
  const home = await scaleProjectHome(spec, (line) => console.log(line));
  const host = await startWebHostProcess({ home });
  try {
    const made = (await api<ProjectSummary[]>(host, 'projects.list')).find((project) => project.title === spec.title);
    if (!made) throw new Error(`${spec.title} is not in ${home}`);
    await api(host, 'projects.open', { id: made.id });
    // Another project is open when the page loads, so opening the measured one is a real open.
    await api(host, 'projects.create', { title: 'Empty' });

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    // A function, not a string: Playwright evaluates a string again on every poll, which the studio's CSP refuses.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const firstPaintMs = await page.evaluate<number>(`performance.getEntriesByName('first-contentful-paint')[0].startTime`);
    // index.html's frame is the first paint; this is when the studio's own first render was on screen (studio.tsx marks it).
    await page.waitForFunction(() => performance.getEntriesByName('atelier:studio-shown').length > 0);
    const studioShownMs = await page.evaluate<number>(`performance.getEntriesByName('atelier:studio-shown')[0].startTime`);
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
    await page.getByRole('tabpanel', { name: 'Project' }).waitFor();
    await page.waitForTimeout(500);

    // The list of projects reads every project.json; that is the list's time, not the open's.
    await page.locator('.project-item-title', { hasText: spec.title }).waitFor({ timeout: 120_000 });
    const openMs = await openProject(page, spec.title);
    const project = await census(page);
    const typed = await keystrokes(page);
    await fs.mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: shot(spec, 'storyboard') });

    // The Project tab's asset cards, the other view of the same tab.
    const projectPanel = page.getByRole('tabpanel', { name: 'Project' });
    await projectPanel.getByRole('radio', { name: /^Assets/ }).check();
    await projectPanel.getByRole('list', { name: 'Assets' }).waitFor({ timeout: 300_000 });
    const assetGrid = await census(page);
    await page.screenshot({ path: shot(spec, 'assets') });

    // Before virtualizing, a large project could keep the page busy for minutes.
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Image', exact: true }).click({ timeout: 300_000 });
    const gallery = await census(page);
    await page.screenshot({ path: shot(spec, 'gallery') });
    await context.close();

    // Main's side of an edit: a title change in the middle of the storyboard, as the card's save sends it.
    const state = await api<StoryboardState>(host, 'storyboard.get');
    const scene = state.scenes[Math.floor(state.scenes.length / 2)];
    if (!scene) throw new Error('no scene to edit');
    const pid = host.process.pid as number;
    const before = await bytesWritten(pid);
    const times: number[] = [];
    const lists: number[] = [];
    const firstPages: number[] = [];
    for (let i = 0; i < EDITS; i += 1) {
      const started = performance.now();
      await api(host, 'storyboard.edit', { op: 'update', sceneId: scene.id, changes: { title: `Edited ${i}` } });
      times.push(performance.now() - started);
      // What the studio asks after each edit (project.changed) when the assets' revision moved.
      const listed = performance.now();
      await api(host, 'assets.list');
      lists.push(performance.now() - listed);
      // What the studio asks for as it opens a project (use-assets.ts): the newest FIRST_ASSETS only.
      const paged = performance.now();
      await api(host, 'assets.list', { limit: FIRST_ASSETS });
      firstPages.push(performance.now() - paged);
    }
    const bytesPerEdit = ((await bytesWritten(pid)) - before) / EDITS;

    const sample = {
      firstPaintMs,
      studioShownMs,
      openMs,
      domNodes: project.nodes,
      images: project.images,
      galleryDomNodes: gallery.nodes,
      galleryImages: gallery.images,
      assetGridDomNodes: assetGrid.nodes,
      assetGridImages: assetGrid.images,
      keystrokeMs: median(typed),
      keystrokeP90Ms: median(typed, 0.9),
      editMs: median(times),
      bytesPerEdit,
      listMs: median(lists),
      firstPageMs: median(firstPages),
    };
    console.log(`${spec.title}: ${JSON.stringify(sample)}`);
    return sample;
  } finally {
    await host.stop();
    await fs.rm(home, { recursive: true, force: true });
  }
}

export async function benchStudioScale(): Promise<void> {
  const browser = await launchChromium();
  try {
    const small = await measure(browser, SMALL);
    const large = await measure(browser, LARGE);
    const rows: [string, (s: ScaleSample) => number][] = [
      ['first paint (ms)', (s) => s.firstPaintMs],
      ['studio on screen (ms)', (s) => s.studioShownMs],
      ['project open, click to first scene painted (ms)', (s) => s.openMs],
      ['DOM nodes, Project tab', (s) => s.domNodes],
      ['`<img>` elements, Project tab', (s) => s.images],
      ['DOM nodes, Image tab', (s) => s.galleryDomNodes],
      ['`<img>` elements, Image tab', (s) => s.galleryImages],
      ['DOM nodes, Project tab asset cards', (s) => s.assetGridDomNodes],
      ['`<img>` elements, Project tab asset cards', (s) => s.assetGridImages],
      ['keystroke in a scene, median (ms)', (s) => s.keystrokeMs],
      ['keystroke in a scene, p90 (ms)', (s) => s.keystrokeP90Ms],
      [`storyboard edit round trip, median of ${EDITS} (ms)`, (s) => s.editMs],
      ['bytes written per edit', (s) => s.bytesPerEdit],
      [`assets.list round trip over HTTP, median of ${EDITS} (ms)`, (s) => s.listMs],
      [`assets.list first page (limit ${FIRST_ASSETS}, what the open asks for) over HTTP, median of ${EDITS} (ms)`, (s) => s.firstPageMs],
    ];
    report({
      bench: 'studio-scale',
      title: `the studio in Chromium 1440×900 against the web host, a ${SMALL.scenes}-scene/${SMALL.assets}-asset project beside a ${LARGE.scenes}-scene/${LARGE.assets}-asset one`,
      note: "Done when opening and typing in the large project cost at most 1.3× the small one, and the DOM nodes and `<img>` elements stay bounded (the large project fills the view with cards and rows; the small one has one scene and ten assets). First paint is Chromium's first-contentful-paint in a fresh browser context: index.html's frame, drawn before the script runs; studio on screen is the studio's own first render (its `atelier:studio-shown` mark).",
      label: 'measure',
      columns: [
        { key: 'small', name: `${SMALL.scenes} scene / ${SMALL.assets} assets` },
        { key: 'large', name: `${LARGE.scenes} scenes / ${LARGE.assets} assets` },
        { key: 'ratio', name: 'large ÷ small', digits: 2 },
      ],
      rows: rows.map(([label, value]) => {
        const a = value(small);
        const b = value(large);
        return { label, small: a, large: b, ...(a > 0 && { ratio: b / a }) };
      }),
    });
  } finally {
    await browser.close();
  }
}
