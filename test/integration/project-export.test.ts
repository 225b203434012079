import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import yauzl from 'yauzl';
import type { Job, OpenedProject } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { planTimeline } from '../../main/core/export/video-timeline.js';
import { decodeWav } from '../../main/platform/audio/wav.js';
import { launchChromium } from '../support/chromium.js';
import { exportedHtmlFacts } from '../support/exported-html.js';
import { probeMedia } from '../support/media-probe.js';
import { REPO_ROOT } from '../support/web-host.js';
import { markdownLinks, resolvePageLinks } from '../support/markdown-links.js';
import { STORY, buildStoryProject, exportOf } from '../support/story-project.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let home: string;
let studio: Studio;
let projectDir: string;
let projectId: string;

before(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-export-'));
  studio = await createStudio({ host: 'cli', home });
  const built = await buildStoryProject(studio, 'Harbour Night');
  projectDir = built.project.path;
  projectId = built.project.id;
});

after(async () => {
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
});

async function projectJson(
  dir: string,
): Promise<Record<string, unknown> & { id: string; assets: Record<string, { file: string; origin: Record<string, unknown> }>; scenes: unknown[] }> {
  return await readProjectStrictly(dir);
}

/** Every entry of a zip, read with yauzl independently of the import code. */
async function zipEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

/** Narration lengths of the scenes as their WAV files say, for the expected video length. */
async function narrationSeconds(): Promise<(number | undefined)[]> {
  const data = await projectJson(projectDir);
  const scenes = data.scenes as { narrationAssetId?: string }[];
  return Promise.all(
    scenes.map(async (scene) => {
      if (!scene.narrationAssetId) return undefined;
      const clip = decodeWav(await fs.readFile(path.join(projectDir, data.assets[scene.narrationAssetId]?.file as string)));
      return clip.samples.length / clip.sampleRate;
    }),
  );
}

describe('project exports', () => {
  test('zip: a bundle that unzip -t accepts and that imports back as an identical new project', async () => {
    const made = await exportOf(studio, { format: 'zip' });
    assert.match(made.path, /Harbour Night\.atelier\.zip$/);
    assert.equal(made.size, (await fs.stat(made.path)).size);
    const check = spawnSync('unzip', ['-t', made.path], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const entries = await zipEntries(made.path);
    assert.ok(![...entries.keys()].some((name) => name.startsWith('exports/')), 'earlier exports stay out of the bundle');

    const original = await projectJson(projectDir);
    const ref = studio.fileRefs.register({ path: made.path, name: path.basename(made.path), size: made.size, owned: false });
    const opened = (await studio.call('projects.import', { fileRef: ref.ref })) as OpenedProject;
    assert.notEqual(opened.project.id, projectId, 'an imported bundle is a new project');
    assert.equal(opened.project.isOpen, true);
    const imported = await projectJson(opened.project.path);
    assert.deepEqual({ ...imported, id: 'x' }, { ...original, id: 'x' }, 'same scenes, assets and metadata');
    for (const asset of Object.values(original.assets)) {
      const a = await fs.readFile(path.join(projectDir, asset.file));
      const b = await fs.readFile(path.join(opened.project.path, asset.file));
      assert.ok(a.equals(b), `${asset.file} keeps its bytes (PNG chunks included)`);
    }
    await studio.call('projects.open', { id: projectId });
  });

  test('a second export never replaces the first: -2, -3', async () => {
    const first = await exportOf(studio, { format: 'pdf' });
    const second = await exportOf(studio, { format: 'pdf' });
    const third = await exportOf(studio, { format: 'pdf' });
    assert.notEqual(first.path, second.path);
    assert.match(second.path, /Harbour Night-2\.pdf$/);
    assert.match(third.path, /Harbour Night-3\.pdf$/);
    const left = await fs.readdir(path.join(projectDir, 'exports'));
    assert.ok(!left.some((name) => name.endsWith('.partial')), left.join(', '));
  });

  test('html: one self-contained file that plays in Chromium, pictures decoded and audio with a duration', async () => {
    const made = await exportOf(studio, { format: 'html' });
    const html = await fs.readFile(made.path, 'utf8');
    assert.doesNotMatch(html, /(src|href)="(https?:|\/\/|file:)/, 'nothing is fetched from anywhere');
    assert.match(html, /seed 4242/, 'the procedural picture keeps its seed in the alt text/caption');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && !r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${made.path}`);
      const facts = await exportedHtmlFacts(page);
      assert.equal(facts.scenes, STORY.length);
      assert.equal(facts.images.length, STORY.filter((s) => s.image).length);
      for (const image of facts.images) assert.ok(image.w > 0 && image.h > 0, JSON.stringify(image));
      assert.equal(facts.durations.length, STORY.filter((s) => s.narrate).length);
      for (const d of facts.durations) assert.ok(d > 0.5 && Number.isFinite(d), `audio duration ${d}`);
      assert.equal(facts.position, `1 / ${STORY.length}`);
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', 'exports', 'html-scene-1.png') });
      await page.click('#next');
      assert.equal(await page.locator('#position').textContent(), `2 / ${STORY.length}`);
      await page.click('#play');
      // Playing scene 2 goes on to scene 3 once its narration ends.
      await page.locator('#position', { hasText: `3 / ${STORY.length}` }).waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', 'exports', 'html-scene-3.png') });
      assert.deepEqual(requests, [], 'the page made no network requests');
    } finally {
      await browser.close();
    }
  });

  test('md-zip: Markdown plus its assets, zipped, every relative link resolving to the asset bytes', async () => {
    const made = await exportOf(studio, { format: 'md-zip' });
    assert.equal(path.basename(made.path), 'Harbour Night.md.zip');
    assert.ok(made.downloadUrl?.endsWith('/Harbour%20Night.md.zip'));
    const entries = await zipEntries(made.path);
    const md = entries.get('Harbour Night.md')?.toString('utf8');
    assert.ok(md, [...entries.keys()].join(', '));
    const links = markdownLinks(md);
    assert.equal(links.length, STORY.filter((s) => s.image).length + STORY.filter((s) => s.narrate).length + STORY.filter((s) => s.bed).length);
    const data = await projectJson(projectDir);
    for (const link of links) {
      const bytes = entries.get(link);
      assert.ok(bytes, `link ${link} resolves inside the export`);
      const asset = Object.values(data.assets).find((a) => a.file === link);
      assert.ok(asset && bytes.equals(await fs.readFile(path.join(projectDir, asset.file))), `${link} has the asset's bytes`);
    }
    assert.match(md, /seed 4242/);
  });

  test('md: a page and its files folder beside it, every relative link resolving to the asset bytes', async () => {
    const made = await exportOf(studio, { format: 'md' });
    assert.equal(path.basename(made.path), 'Harbour Night.md');
    assert.equal(made.downloadUrl, undefined, 'a page and a folder are not one file to download');
    const folder = path.join(path.dirname(made.path), 'Harbour Night_files');
    const md = await fs.readFile(made.path, 'utf8');
    assert.match(md, /\]\(Harbour%20Night_files\//, 'the folder name is encoded in the links');
    const files = resolvePageLinks(made.path, md);
    assert.equal(files.length, STORY.filter((s) => s.image).length + STORY.filter((s) => s.narrate).length + STORY.filter((s) => s.bed).length);
    const data = await projectJson(projectDir);
    for (const file of files) {
      assert.equal(path.dirname(path.dirname(file)) === folder || path.dirname(file) === folder, true, `${file} lies in the files folder`);
      const asset = Object.values(data.assets).find((a) => path.basename(a.file) === path.basename(file));
      assert.ok(asset, `${file} is one of the project's assets`);
      assert.ok((await fs.readFile(file)).equals(await fs.readFile(path.join(projectDir, asset.file))), `${file} has the asset's bytes`);
    }
    assert.deepEqual((await fs.readdir(folder)).sort(), [...new Set(files.map((f) => path.basename(f)))].sort(), 'the folder holds exactly the linked files');
    const size = (await fs.stat(made.path)).size + (await Promise.all(files.map((f) => fs.stat(f)))).reduce((sum, st) => sum + st.size, 0);
    assert.equal(made.size, size, 'the size counts the page and its files');
  });

  test('pdf: a title page and one page per scene, with title and producer', async () => {
    const made = await exportOf(studio, { format: 'pdf' });
    // updateMetadata: false, or pdf-lib stamps its own producer while reading.
    const pdf = await PDFDocument.load(await fs.readFile(made.path), { updateMetadata: false });
    assert.equal(pdf.getPageCount(), STORY.length + 1);
    assert.equal(pdf.getTitle(), 'Harbour Night');
    assert.equal(pdf.getProducer(), 'Atelier');
    assert.match(pdf.getKeywords() ?? '', /seed 4242/);
  });

  for (const [format, video, audio] of [
    ['mp4', 'h264', 'aac'],
    ['webm', 'vp9', 'opus'],
  ] as const) {
    test(`${format}: ${video} + ${audio} at 1280×720, as long as the scenes minus their cross-fades`, async () => {
      const made = await exportOf(studio, { format, resolution: '720p' });
      const facts = probeMedia(made.path);
      assert.equal(facts.video?.codec, video, facts.raw);
      assert.equal(facts.video?.pixelFormat, 'yuv420p');
      assert.equal(facts.video?.width, 1280);
      assert.equal(facts.video?.height, 720);
      assert.equal(facts.audio?.codec, audio);
      // Worked out here, not by the exporter's planner: a narrated scene lasts its narration + 0.5 s
      // fade-in + 0.25 s tail (on whole 1/24 s frames), a silent one 4 s; each cross-fade overlaps 0.5 s.
      const lengths = (await narrationSeconds()).map((n) => (n === undefined ? 4 : Math.ceil((n + 0.75) * 24) / 24));
      const expected = lengths.reduce((sum, d) => sum + d, 0) - 0.5 * (lengths.length - 1);
      assert.ok(Math.abs(planTimeline(await narrationSeconds()).total - expected) < 1e-6, 'the planner agrees');
      assert.ok(Math.abs(facts.durationSeconds - expected) < 0.2, `duration ${facts.durationSeconds} vs ${expected}`);
      // The soundtrack is there and audible: narration plus the ducked bed.
      const levels = spawnSync(
        (await import('@ffmpeg-installer/ffmpeg')).default.path,
        ['-hide_banner', '-i', made.path, '-af', 'volumedetect', '-vn', '-f', 'null', '-'],
        { encoding: 'utf8' },
      );
      const mean = Number(/mean_volume: (-?[\d.]+) dB/.exec(levels.stderr)?.[1]);
      assert.ok(mean > -40 && mean < 0, `mean volume ${mean} dB`);
      assert.equal(facts.tags.title, 'Harbour Night');
      assert.match(facts.tags.comment ?? '', /seed 4242/);
      if (format === 'mp4') {
        // +faststart: the index (moov) comes before the media data (mdat).
        const head = (await fs.readFile(made.path)).subarray(0, 64 * 1024).toString('latin1');
        assert.ok(head.indexOf('moov') >= 0 && head.indexOf('moov') < head.indexOf('mdat'), 'moov before mdat');
        const frames = path.join(REPO_ROOT, 'test-artifacts', 'exports', 'mp4-frames.png');
        const grab = spawnSync((await import('@ffmpeg-installer/ffmpeg')).default.path, [
          '-v',
          'error',
          '-y',
          '-i',
          made.path,
          '-vf',
          'fps=2,scale=320:-1,tile=4x3',
          '-frames:v',
          '1',
          frames,
        ]);
        assert.equal(grab.status, 0, String(grab.stderr));
      }
    });
  }

  test('mp4 at 1080p is 1920×1080', async () => {
    const facts = probeMedia((await exportOf(studio, { format: 'mp4', resolution: '1080p' })).path);
    assert.equal(facts.video?.width, 1920);
    assert.equal(facts.video?.height, 1080);
  });

  test('cancelling a video export stops ffmpeg and leaves no file', async () => {
    const before = await fs.readdir(path.join(projectDir, 'exports'));
    const { jobId } = (await studio.call('projects.export', { format: 'webm', resolution: '1080p' })) as { jobId: string };
    await new Promise<void>((resolve) => {
      const off = studio.events.subscribe((name, payload) => {
        const job = (payload as { job?: Job }).job;
        if (name === 'job.progress' && job?.id === jobId && (job.progress ?? 0) > 0.2) {
          off();
          resolve();
        }
      });
    });
    await studio.call('jobs.cancel', { id: jobId });
    const job = await studio.jobs.settled(jobId);
    assert.equal(job.state, 'cancelled');
    assert.deepEqual((await fs.readdir(path.join(projectDir, 'exports'))).sort(), before.sort());
  });

  test('with an output folder in Settings, exports go there', async () => {
    const folder = path.join(home, 'my exports');
    await fs.mkdir(folder);
    await studio.call('settings.set', { outputFolder: folder });
    try {
      const made = await exportOf(studio, { format: 'md-zip' });
      assert.equal(path.dirname(made.path), folder);
      assert.equal(path.basename(made.path), 'Harbour Night.md.zip');
    } finally {
      await studio.call('settings.set', { outputFolder: null });
    }
  });

  test('exports of a project that is not open, and typed errors', async () => {
    const other = (await studio.call('projects.create', { title: 'Empty one' })) as { id: string };
    await assert.rejects(exportOf(studio, { format: 'mp4' }), /no scenes/);
    const made = await exportOf(studio, { format: 'pdf', projectId });
    assert.match(made.path, /Harbour Night.*\.pdf$/);
    await assert.rejects(studio.call('projects.export', { format: 'gif' }), { code: 'INVALID_INPUT' });
    await assert.rejects(studio.call('projects.export', { format: 'zip', projectId: '00000000-0000-4000-8000-000000000000' }), { code: 'NOT_FOUND' });
    await studio.call('projects.open', { id: projectId });
    assert.ok(other.id);
  });
});
