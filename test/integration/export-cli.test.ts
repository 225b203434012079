import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createStudio } from '../../main/core/studio.js';
import { writeTestZip } from '../support/hostile-zips.js';
import { probeMedia } from '../support/media-probe.js';
import { buildStoryProject } from '../support/story-project.js';
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

describe('atelier export / atelier import', () => {
  test('export --format zip into a folder, then import it back as a new project', () => {
    const made = runCli(['export', '--project', 'harbour night', '--format', 'zip', '--out', `${out}/`], env());
    assert.equal(made.status, 0, made.stderr);
    const file = path.join(out, 'Harbour Night.atelier.zip');
    assert.match(made.stdout, /Wrote .*Harbour Night\.atelier\.zip/);
    const imported = runCli(['import', file, '--title', 'Harbour Copy'], env());
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /Imported "Harbour Copy" \(3 scenes, 5 assets\)/);
  });

  test('export --format mp4 to a file name shows progress on stderr and never replaces a file', async () => {
    const target = path.join(out, 'movie.mp4');
    await fs.writeFile(target, 'keep me');
    const made = runCli(['export', '--project', projectId, '--format', 'mp4', '--resolution', '720p', '-o', target], env());
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stderr, /export mp4: \d+% encoding/);
    assert.equal(await fs.readFile(target, 'utf8'), 'keep me');
    const facts = probeMedia(path.join(out, 'movie-2.mp4'));
    assert.equal(facts.video?.codec, 'h264');
    assert.equal(facts.audio?.codec, 'aac');
  });

  test('without --out the file goes to the project exports folder', async () => {
    const made = runCli(['export', '--project', 'Harbour Night', '--format', 'html'], env());
    assert.equal(made.status, 0, made.stderr);
    const written = /Wrote (.*) \(/.exec(made.stdout)?.[1] ?? '';
    assert.match(written, /Harbour Night\.atelier[\\/]exports[\\/]Harbour Night\.html$/);
    assert.ok((await fs.stat(written)).size > 10_000);
  });

  test('one-line errors', async () => {
    const badFormat = runCli(['export', '--format', 'gif'], env());
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be one of zip, html, md, pdf, mp4, webm/);
    const noProject = runCli(['export', '--project', 'Nope', '--format', 'pdf'], env());
    assert.equal(noProject.status, 1);
    assert.equal(noProject.stderr.trim().split('\n').length, 1);
    assert.match(noProject.stderr, /^atelier: NOT_FOUND: no project with the id or title "Nope"/);
    const empty = runCli(['export', '--project', 'Another', '--format', 'webm'], env());
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /INVALID_INPUT: The project has no scenes/);

    const evil = path.join(root, 'evil.zip');
    await writeTestZip(evil, [{ name: 'project.json', bytes: Buffer.from('{}') }, { name: 'assets/link', bytes: Buffer.from('/etc'), mode: 0o120777 }]);
    const before = await fs.readdir(path.join(home, 'projects'));
    const refused = runCli(['import', evil], env());
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^atelier: BUNDLE_INVALID: This bundle was refused: the entry "assets\/link" is a symbolic link\.\n$/);
    assert.deepEqual(await fs.readdir(path.join(home, 'projects')), before);
  });
});
