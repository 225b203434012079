import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createStudio } from '../../main/app/studio.js';
import { writeTestZip } from '../support/hostile-zips.js';
import { resolvePageLinks } from '../support/markdown-links.js';
import { probeMedia } from '../support/media-probe.js';
import { buildStoryProject, STORY } from '../support/story-project.js';
import { runCli, tempHome } from '../support/web-host.js';

let root: string;
let home: string;
let out: string;
let projectId: string;

before(async () => {
  root = await tempHome('atelier-export-cli-');
  home = path.join(root, 'home');
  out = path.join(root, 'out');
  await fs.mkdir(out);
  const studio = await createStudio({ host: 'cli', home });
  try {
    projectId = (await buildStoryProject(studio, 'Harbour Night')).project.id;
    await studio.call('projects.create', { title: 'Another' });
  } finally {
    await studio.dispose();
  }
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const env = () => ({ ATELIER_HOME: home });

/** A fresh, empty folder under out/ for one case, so its listing shows everything written. */
async function freshDir(name: string): Promise<string> {
  const dir = path.join(out, name);
  await fs.mkdir(dir);
  return dir;
}

function wrote(result: ReturnType<typeof runCli>): string {
  assert.equal(result.status, 0, `exit ${result.status}\n${result.stderr}`);
  const file = /^Wrote (.+?)(?: with its files in .+)? \(/.exec(result.stdout)?.[1];
  assert.ok(file, result.stdout);
  return file;
}

/** What a finished export of each format must look like, read independently of the export code. */
async function checkFormat(format: string, file: string): Promise<void> {
  const head = (await fs.readFile(file)).subarray(0, 16).toString('latin1');
  switch (format) {
    case 'zip':
    case 'md-zip':
      assert.equal(spawnSync('unzip', ['-tq', file]).status, 0, `${file} is a sound zip`);
      assert.equal(spawnSync('unzip', ['-l', file], { encoding: 'utf8' }).stdout.includes(format === 'zip' ? 'project.json' : 'Harbour Night.md'), true);
      return;
    case 'html':
      assert.match(head, /^<!doctype html/i);
      return;
    case 'pdf':
      assert.match(head, /^%PDF-/);
      return;
    case 'md':
      await checkMarkdownFolder(file);
      return;
    case 'mp4':
    case 'webm': {
      const facts = probeMedia(file);
      assert.equal(facts.video?.codec, format === 'mp4' ? 'h264' : 'vp9');
      assert.equal(facts.audio?.codec, format === 'mp4' ? 'aac' : 'opus');
      return;
    }
    default:
      assert.fail(`no check for ${format}`);
  }
}

/** `x.md` beside `x_files/`: every relative link in the page resolves to a file, and the folder holds nothing else. */
async function checkMarkdownFolder(page: string): Promise<void> {
  const folder = page.replace(/\.md$/, '_files');
  const text = await fs.readFile(page, 'utf8');
  assert.match(text, /^# Harbour Night\n/);
  const files = resolvePageLinks(page, text);
  assert.equal(files.length, STORY.filter((s) => s.image).length + STORY.filter((s) => s.narrate).length + STORY.filter((s) => s.bed).length);
  for (const file of files) {
    assert.ok(file.startsWith(folder + path.sep), `${file} is in ${folder}`);
    assert.ok((await fs.stat(file)).size > 100, `link ${path.relative(path.dirname(page), file)} resolves to a file`);
  }
  assert.deepEqual((await fs.readdir(folder)).sort(), [...new Set(files.map((f) => path.relative(folder, f)))].sort());
}

const FORMATS: { format: string; exact: string; named: string[] }[] = [
  { format: 'zip', exact: 'story.zip', named: ['harbour-night.atelier.zip'] },
  { format: 'html', exact: 'story.html', named: ['harbour-night.html'] },
  { format: 'md', exact: 'story.md', named: ['harbour-night.md', 'harbour-night_files'] },
  { format: 'md-zip', exact: 'story.zip', named: ['harbour-night.md.zip'] },
  { format: 'pdf', exact: 'story.pdf', named: ['harbour-night.pdf'] },
  // A video has its poster frame beside it.
  { format: 'mp4', exact: 'story.mp4', named: ['harbour-night.mp4', 'harbour-night.poster.png'] },
  { format: 'webm', exact: 'story.webm', named: ['harbour-night.webm', 'harbour-night.poster.png'] },
];

describe('atelier export / atelier project export: -o is exactly what is written', () => {
  for (const { format, exact, named } of FORMATS) {
    test(`${format}: -o exact/${exact} writes that file and nothing else; -o folder/ writes folder/${named[0]}`, async () => {
      const exactDir = await freshDir(`exact-${format}`);
      const target = path.join(exactDir, exact);
      const made = runCli(['project', 'export', 'Harbour Night', '--format', format, '-o', target], env());
      assert.equal(wrote(made), target);
      const expected = format === 'md' ? [exact, 'story_files'] : format === 'mp4' || format === 'webm' ? [exact, 'story.poster.png'] : [exact];
      assert.deepEqual((await fs.readdir(exactDir)).sort(), expected.sort(), 'no second extension, no partial file');
      await checkFormat(format, target);
      if (format === 'mp4') assert.match(made.stderr, /export mp4: \d+% encoding/);

      const folder = path.join(out, `folder-${format}`);
      // A path ending in a slash is a folder, made if it does not exist yet.
      const intoFolder = runCli(['export', '--project', projectId, '--format', format, '--out', `${folder}/`], env());
      assert.equal(wrote(intoFolder), path.join(folder, named[0] as string));
      assert.deepEqual((await fs.readdir(folder)).sort(), [...named].sort());
      await checkFormat(format, path.join(folder, named[0] as string));
    });
  }

  test('a file name without an ending is written as typed', async () => {
    const dir = await freshDir('bare');
    const made = runCli(['export', '--project', 'Harbour Night', '--format', 'html', '-o', path.join(dir, 'notes')], env());
    assert.equal(wrote(made), path.join(dir, 'notes'));
    assert.deepEqual(await fs.readdir(dir), ['notes']);
  });

  test('an existing folder named with -o gets the project name, then -2 beside an earlier export', async () => {
    const dir = await freshDir('existing');
    assert.equal(wrote(runCli(['export', '--project', projectId, '--format', 'pdf', '-o', dir], env())), path.join(dir, 'harbour-night.pdf'));
    assert.equal(wrote(runCli(['export', '--project', projectId, '--format', 'pdf', '-o', dir], env())), path.join(dir, 'harbour-night-2.pdf'));
    assert.equal(wrote(runCli(['export', '--project', projectId, '--format', 'md', '-o', dir], env())), path.join(dir, 'harbour-night.md'));
    assert.equal(wrote(runCli(['export', '--project', projectId, '--format', 'md', '-o', dir], env())), path.join(dir, 'harbour-night-2.md'));
    assert.deepEqual((await fs.readdir(dir)).sort(), [
      'harbour-night-2.md',
      'harbour-night-2.pdf',
      'harbour-night-2_files',
      'harbour-night.md',
      'harbour-night.pdf',
      'harbour-night_files',
    ]);
    await checkMarkdownFolder(path.join(dir, 'harbour-night-2.md'));
  });

  test('an existing file named with -o is refused before any work, and replaced only with --force', async () => {
    const dir = await freshDir('refuse');
    const movie = path.join(dir, 'movie.mp4');
    await fs.writeFile(movie, 'keep me');
    const refused = runCli(['export', '--project', projectId, '--format', 'mp4', '-o', movie], env());
    assert.equal(refused.status, 1);
    assert.equal(refused.stderr, `atelier: IO_ERROR: ${movie} already exists: choose another name, or add --force to replace it.\n`);
    assert.doesNotMatch(refused.stderr, /encoding/, 'nothing was encoded');
    assert.equal(await fs.readFile(movie, 'utf8'), 'keep me');
    assert.deepEqual(await fs.readdir(dir), ['movie.mp4']);

    const page = path.join(dir, 'page.html');
    await fs.writeFile(page, 'old page');
    assert.equal(wrote(runCli(['export', '--project', projectId, '--format', 'html', '-o', page, '--force'], env())), page);
    assert.match(await fs.readFile(page, 'utf8'), /^<!doctype html/i);

    // Markdown's folder counts as part of the export: a stale one is refused, and replaced whole with --force.
    const story = path.join(dir, 'story.md');
    await fs.mkdir(path.join(dir, 'story_files'));
    await fs.writeFile(path.join(dir, 'story_files', 'stale.txt'), 'old');
    const mdRefused = runCli(['project', 'export', projectId, '--format', 'md', '-o', story], env());
    assert.equal(mdRefused.status, 1);
    assert.match(mdRefused.stderr, /^atelier: IO_ERROR: .*story_files already exists/);
    assert.equal(wrote(runCli(['project', 'export', projectId, '--format', 'md', '-o', story, '--force'], env())), story);
    await checkMarkdownFolder(story);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['movie.mp4', 'page.html', 'story.md', 'story_files']);
  });
});

describe('atelier export / atelier import', () => {
  test('export --format zip into a folder, then import it back as a new project', () => {
    const made = runCli(['export', '--project', 'harbour night', '--format', 'zip', '--out', `${out}/`], env());
    const file = wrote(made);
    assert.equal(file, path.join(out, 'harbour-night.atelier.zip'));
    const imported = runCli(['import', file, '--title', 'Harbour Copy'], env());
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /Imported "Harbour Copy" \(3 scenes, 5 assets\)/);
  });

  test('without --out the file goes to the project exports folder', async () => {
    const made = runCli(['export', '--project', 'Harbour Night', '--format', 'html'], env());
    const written = wrote(made);
    assert.match(written, /Harbour Night\.atelier[\\/]exports[\\/]Harbour Night\.html$/);
    assert.ok((await fs.stat(written)).size > 10_000);
  });

  test('one-line errors', async () => {
    const badFormat = runCli(['export', '--format', 'gif'], env());
    assert.equal(badFormat.status, 2);
    assert.equal(badFormat.stderr, 'atelier: --format must be one of zip, html, md, md-zip, pdf, mp4, webm, srt, vtt, not "gif".\n');
    const noProject = runCli(['export', '--project', 'Nope', '--format', 'pdf'], env());
    assert.equal(noProject.status, 1);
    assert.equal(noProject.stderr.trim().split('\n').length, 1);
    assert.match(noProject.stderr, /^atelier: NOT_FOUND: no project with the id or title "Nope"/);
    const empty = runCli(['export', '--project', 'Another', '--format', 'webm'], env());
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /INVALID_INPUT: The project has no scenes/);
    const noFolder = runCli(['export', '--project', projectId, '--format', 'pdf', '-o', path.join(out, 'missing', 'x.pdf')], env());
    assert.equal(noFolder.status, 1);
    assert.match(noFolder.stderr, /^atelier: IO_ERROR: cannot write .*x\.pdf: its folder does not exist\.\n$/);

    const evil = path.join(root, 'evil.zip');
    await writeTestZip(evil, [
      { name: 'project.json', bytes: Buffer.from('{}') },
      { name: 'assets/link', bytes: Buffer.from('/etc'), mode: 0o120777 },
    ]);
    const before = await fs.readdir(path.join(home, 'projects'));
    const refused = runCli(['import', evil], env());
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^atelier: BUNDLE_INVALID: This bundle was refused: the entry "assets\/link" is a symbolic link\.\n$/);
    assert.deepEqual(await fs.readdir(path.join(home, 'projects')), before);
  });
});
