import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Job } from '../../preload/contract.js';
import { createStudio } from '../../main/app/studio.js';
import { launchChromium } from '../support/chromium.js';
import { E2E_ARTIFACTS } from '../support/journey.js';
import { buildStoryProject } from '../support/story-project.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';
import { waitForFocus } from '../support/storyboard-page.js';

let browser: Browser;
let root: string;
let host: RunningWebHost;

before(async () => {
  await fs.mkdir(E2E_ARTIFACTS, { recursive: true });
  root = await tempHome('atelier-export-e2e-');
  const home = path.join(root, 'home');
  const studio = await createStudio({ host: 'cli', home });
  try {
    await buildStoryProject(studio, 'Harbour Night');
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

/** The result of an export job once it has finished (it must finish done). */
async function exportDone<T>(jobId: string): Promise<T> {
  const job = await waitFor(
    `export job ${jobId} to finish`,
    async () => ((await callApi(host, 'jobs.list')).result as Job[]).find((j) => j.id === jobId && j.state !== 'queued' && j.state !== 'running'),
    { timeoutMs: 120_000, intervalMs: 100 },
  );
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  return job.result as T;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(E2E_ARTIFACTS, `project-export-${name}.png`) });
}

test('export from the Project tab with progress and download, then import the bundle from the projects menu', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name: 'Project', exact: true }).click();
    await page.getByRole('button', { name: 'Export…' }).waitFor();
    // The keyboard way in: Ctrl+E on the Project tab.
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export “Harbour Night”' });
    await dialog.waitFor();
    await shot(page, 'dialog');

    // Before anything is encoded: a preset sets the frame, and the estimate says what the video will come to.
    await dialog.getByRole('radio', { name: 'Shorts / Reels 9:16' }).check();
    assert.ok(await dialog.getByRole('radio', { name: '9:16 tall' }).isChecked(), 'the preset chose the tall frame');
    await dialog.getByText(/^About \d+ s · 1080×1920 · about [\d.]+ [kM]B · 3 scenes/).waitFor();
    await shot(page, 'estimate-shorts');
    await dialog.getByRole('radio', { name: /^720p/ }).check();
    assert.ok(await dialog.getByRole('radio', { name: 'Custom' }).isChecked(), 'a change of size leaves the preset');
    await dialog.getByRole('radio', { name: '16:9 wide' }).check();
    await dialog.getByText(/· 1280×720 ·/).waitFor();

    // The dialog says where files go; the project's exports folder is not there yet, so Export asks first.
    const projectDir = ((await callApi(host, 'projects.current')).result as { path: string }).path;
    const exportsDir = path.join(projectDir, 'exports');
    await dialog.getByText(`Files go to ${exportsDir} (not made yet).`).waitFor();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const confirm = dialog.getByRole('group', { name: 'Create the export folder?' });
    await confirm.getByText(exportsDir).waitFor();
    await shot(page, 'confirm-folder');
    // Not now: nothing was made, and Export asks again.
    await confirm.getByRole('button', { name: 'Not now' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await fs.stat(exportsDir).catch(() => null), null, 'no folder before the creator confirms');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const create = confirm.getByRole('button', { name: 'Create folder and export' });
    await waitForFocus(create);
    assert.equal(await fs.stat(exportsDir).catch(() => null), null, 'still no folder while the question is open');

    // MP4 at 720p: Enter confirms; progress, then the result with its size and a Download button, which takes the focus.
    await page.keyboard.press('Enter');
    await dialog.getByRole('progressbar', { name: 'Export progress' }).waitFor();
    await dialog.getByRole('button', { name: 'Stop' }).waitFor();
    await shot(page, 'progress');
    await dialog.getByText(/^Exported /).waitFor({ timeout: 0 });
    await shot(page, 'done');
    const downloadButton = dialog.getByRole('button', { name: 'Download' });
    await waitForFocus(downloadButton);
    assert.ok((await fs.stat(exportsDir)).isDirectory());
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'Harbour Night.mp4');
    const saved = path.join(root, 'downloaded.mp4');
    await download.saveAs(saved);
    const jobs = (await callApi(host, 'jobs.list')).result as Job[];
    const exported = jobs.find((j) => j.kind === 'projects.export' && j.state === 'done')?.result as { path: string };
    assert.ok((await fs.readFile(saved)).equals(await fs.readFile(exported.path)), 'the download is the exported file');

    // Markdown: the page with its folder is on disk; the zipped page is the one to download.
    await dialog.getByRole('radio', { name: 'Markdown', exact: true }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByText(/Harbour Night\.md$/).waitFor();
    await dialog.getByText('A page and its folder download as one file with Markdown (zip).').waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Download' }).count(), 0);
    await dialog.getByRole('radio', { name: 'Markdown (zip)' }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByText(/Harbour Night\.md\.zip$/).waitFor();
    const [mdZip] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    assert.equal(mdZip.suggestedFilename(), 'Harbour Night.md.zip');
    await shot(page, 'markdown-zip');

    // Stop: a WebM at 1080p is stopped while it encodes and leaves nothing.
    await dialog.getByRole('radio', { name: 'WebM' }).check();
    await dialog.getByRole('radio', { name: /^1080p/ }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('button', { name: 'Stop' }).click();
    await dialog.getByText('Stopped. No file was written.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A bundle made through the API, imported through the sidebar's Import bundle button.
    const ticket = (await callApi(host, 'projects.export', { format: 'zip' })).result as { jobId: string };
    const bundle = await exportDone<{ path: string }>(ticket.jobId).then((result) => result.path);
    await page.locator('input[type="file"][accept=".zip,application/zip"]').setInputFiles(bundle);
    await page.getByText('Imported “Harbour Night”').waitFor();
    const projects = (await callApi(host, 'projects.list')).result as { title: string; sceneCount: number }[];
    assert.equal(projects.filter((p) => p.title === 'Harbour Night' && p.sceneCount === 3).length, 2);
    await shot(page, 'imported');
    assert.deepEqual(pageErrors, []);
  } catch (error) {
    await shot(page, 'failure').catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});

test('the export download route: bearer token, export files of this app’s projects only', async () => {
  const ticket = (await callApi(host, 'projects.export', { format: 'pdf' })).result as { jobId: string };
  const result = await exportDone<{ path: string; downloadUrl: string }>(ticket.jobId);
  const get = (url: string, token: string | null = host.token) => fetch(`${host.origin}${url}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const ok = await get(result.downloadUrl);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-type'), 'application/pdf');
  assert.match(ok.headers.get('content-disposition') ?? '', /attachment/);
  assert.ok(Buffer.from(await ok.arrayBuffer()).equals(await fs.readFile(result.path)));
  assert.equal((await get(result.downloadUrl, null)).status, 401, 'no token');
  assert.equal((await get(result.downloadUrl, 'wrong')).status, 401, 'wrong token');
  const projectId = result.downloadUrl.split('/')[2] as string;
  for (const name of ['..%2Fproject.json', '%2E%2E%2F%2E%2E%2Fsettings.json', 'project.json', '.hidden.pdf', 'missing.pdf']) {
    const status = (await get(`/exports/${projectId}/${name}`)).status;
    assert.ok(status === 403 || status === 404, `${name}: ${status}`);
  }
  assert.equal((await get(`/exports/00000000-0000-4000-8000-000000000000/x.pdf`)).status, 404);
});
