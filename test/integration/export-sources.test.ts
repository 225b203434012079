import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Job } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { buildStoryProject, exportOf } from '../support/story-project.js';
import { REPO_ROOT } from '../support/web-host.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

// Exports read asset files through the asset route's check (no symlink out of the project),
// and the web host hands out only files an export job recorded, never whatever sits in the
// output folder with an export ending.
let home: string;
let outside: string;
let studio: Studio;
let host: WebHost;
let projectDir: string;
let projectId: string;

before(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-export-sources-'));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-outside-'));
  studio = await createStudio({ host: 'cli', home });
  const built = await buildStoryProject(studio, 'Harbour Night', [{ title: 'The lighthouse', text: 'A keeper climbs.', image: 'procedural', narrate: true }]);
  projectDir = built.project.path;
  projectId = built.project.id;
  host = await startWebHost({ studio, rendererDir: path.join(REPO_ROOT, 'dist', 'renderer') });
});

after(async () => {
  await host.close();
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

async function exportFailure(format: string): Promise<Job['error']> {
  const { jobId } = (await studio.call('projects.export', { format })) as { jobId: string };
  const job = await studio.jobs.settled(jobId);
  assert.equal(job.state, 'failed', `${format} export of a project with a link out should fail`);
  return job.error;
}

const download = (url: string, token: string | null = host.token) =>
  fetch(`${host.origin}${url}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('export sources follow no symlink out of the project', () => {
  test('an asset file that links outside the project refuses zip, html, md and pdf with FORBIDDEN', async () => {
    const data = (await readProjectStrictly(projectDir)) as { assets: Record<string, { file: string; kind: string }> };
    const image = Object.values(data.assets).find((a) => a.kind === 'image');
    assert.ok(image);
    const file = path.join(projectDir, image.file);
    const secret = path.join(outside, 'secret.png');
    await fs.copyFile(file, secret);
    const original = await fs.readFile(file);
    await fs.rm(file);
    await fs.symlink(secret, file);
    try {
      for (const format of ['zip', 'html', 'md', 'pdf']) {
        const error = await exportFailure(format);
        assert.equal(error?.code, 'FORBIDDEN', `${format}: ${JSON.stringify(error)}`);
        assert.match(error?.message ?? '', /points outside the project folder/);
      }
      const leftovers = await fs.readdir(path.join(projectDir, 'exports')).catch(() => []);
      assert.deepEqual(
        leftovers.filter((name) => !name.startsWith('.')),
        [],
        'no export file was written',
      );
    } finally {
      await fs.rm(file);
      await fs.writeFile(file, original);
    }
    const made = await exportOf(studio, { format: 'html' });
    assert.ok((await fs.stat(made.path)).size > 0, 'with the real file back, the export works');
  });
});

describe('the exports route serves only recorded export files', () => {
  test('the recorded file downloads; a file placed by hand, an old-style link, a replaced file do not', async () => {
    const made = await exportOf(studio, { format: 'pdf' });
    assert.match(made.downloadUrl ?? '', /^\/exports\/[0-9a-f]{32}\/Harbour%20Night(-\d+)?\.pdf$/);
    const ok = await download(made.downloadUrl as string);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/pdf');
    assert.ok(Buffer.from(await ok.arrayBuffer()).equals(await fs.readFile(made.path)));
    assert.equal((await download(made.downloadUrl as string, null)).status, 401);

    const folder = path.dirname(made.path);
    const recordId = (made.downloadUrl as string).split('/')[2] as string;
    for (const name of ['planted.pdf', 'planted.html', 'planted.atelier.zip', 'planted.md.zip', 'planted.mp4']) {
      await fs.writeFile(path.join(folder, name), 'placed by hand');
      for (const url of [`/exports/${recordId}/${name}`, `/exports/${projectId}/${name}`, `/exports/${'0'.repeat(32)}/${name}`]) {
        const reply = await download(url);
        assert.equal(reply.status, 404, url);
        assert.equal(((await reply.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
      }
    }
    for (const url of [`/exports/${recordId}/..%2Fproject.json`, `/exports/${recordId}/%2E%2E%2F%2E%2E%2Fsettings.json`, `/exports/${recordId}/project.json`]) {
      assert.equal((await download(url)).status, 404, url);
    }

    // Replaced under the same name (another file, then a link): no longer the file the job wrote.
    const name = path.basename(made.path);
    await fs.rm(made.path);
    await fs.writeFile(made.path, 'a different file');
    assert.equal((await download(made.downloadUrl as string)).status, 404);
    await fs.rm(made.path);
    await fs.symlink(path.join(projectDir, 'project.json'), made.path);
    const linked = await download(made.downloadUrl as string);
    assert.equal(linked.status, 404);
    assert.doesNotMatch(await linked.text(), /"scenes"/);
    assert.equal(path.basename(made.path), name);
  });
});

describe('outputFolder must be an absolute folder', () => {
  test('relative paths, dot-dot segments and files are INVALID_INPUT; an absolute folder is kept', async () => {
    const aFile = path.join(home, 'not-a-folder.txt');
    await fs.writeFile(aFile, 'x');
    for (const bad of ['exports', './exports', '../elsewhere', '~/Exports', 'C:', '/tmp/../etc', aFile]) {
      await assert.rejects(studio.call('settings.set', { outputFolder: bad }), { code: 'INVALID_INPUT' }, bad);
    }
    assert.equal(studio.settings.get().outputFolder, null);
    const folder = path.join(home, 'Exports here');
    await studio.call('settings.set', { outputFolder: folder });
    assert.equal(studio.settings.get().outputFolder, folder);
    // One file (a Markdown page comes with a folder, and has no download link).
    const made = await exportOf(studio, { format: 'html' });
    assert.equal(path.dirname(made.path), folder);
    assert.equal((await download(made.downloadUrl as string)).status, 200);
    await studio.call('settings.set', { outputFolder: null });
  });
});
