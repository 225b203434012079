import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Asset, Job, ProjectSummary } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';
import { tempHome } from '../support/web-host.js';

let home: string;
let studio: Studio;
before(async () => {
  home = await tempHome('atelier-asset-index-');
  studio = await createStudio({ host: 'cli', home });
});
after(async () => {
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
});

const list = async () => (await studio.call('assets.list', {})) as Asset[];
const current = async () => (await studio.call('projects.current', {})) as ProjectSummary;

/** What the list must be: every asset on disk (project.json and its journal), newest first. */
async function expected(project: ProjectSummary): Promise<Asset[]> {
  const assets = Object.values((await readProjectStrictly(project.path)).assets);
  return assets.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

async function settled(call: string, input: unknown): Promise<Job> {
  const { jobId } = (await studio.call(call, input)) as { jobId: string };
  const job = await studio.jobs.settled(jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  return job;
}

test('assets.list stays right through add, import, rename and removal, and is reused while the assets stay the same', async () => {
  const project = (await studio.call('projects.create', { title: 'Indexed' })) as ProjectSummary;
  assert.deepEqual(await list(), []);

  // Add: generated pictures and a saved document.
  await settled('image.generate', { template: 'gradient', prompt: 'harbour', seed: 1, width: 64, height: 64 });
  const doc = (await studio.call('text.saveDocument', { name: 'Notes', markdown: '# Notes\n' })) as Asset;
  assert.deepEqual(await list(), await expected(project));
  assert.equal((await list())[0]?.id, doc.id, 'newest first');

  // Import: a file from outside the project.
  const outside = path.join(home, 'outside.md');
  await fs.writeFile(outside, '# From outside\n');
  const fileRef = studio.fileRefs.register({ path: outside, name: 'outside.md', size: (await fs.stat(outside)).size, owned: false });
  await settled('assets.import', { fileRef: fileRef.ref });
  const afterImport = await list();
  assert.equal(afterImport.length, 3);
  assert.deepEqual(afterImport, await expected(project));

  // A storyboard edit leaves the assets as they were: the same list and the same revision.
  const revision = (await current()).assetsRevision;
  assert.ok(revision);
  await studio.call('storyboard.edit', { op: 'add', title: 'One', text: 'A scene.' });
  assert.equal(await list(), afterImport, 'the list made for these assets is reused');
  assert.equal((await current()).assetsRevision, revision);

  // Rename: saving the document under a new name.
  await studio.call('text.saveDocument', { assetId: doc.id, name: 'Renamed notes', markdown: '# Notes\nMore.\n' });
  const afterRename = await list();
  assert.notEqual((await current()).assetsRevision, revision);
  assert.equal(afterRename.find((a) => a.id === doc.id)?.name, 'Renamed notes.md');
  assert.deepEqual(afterRename, await expected(project));

  // Removal (through the store, as a delete would go).
  await studio.projects.update(project.id, (data) => {
    const { [doc.id]: _removed, ...rest } = data.assets;
    return { ...data, assets: rest };
  });
  const afterRemoval = await list();
  assert.equal(afterRemoval.length, 2);
  assert.ok(!afterRemoval.some((a) => a.id === doc.id));
  assert.deepEqual(afterRemoval, await expected(project));

  // Reopened from disk (journal folded in), the list is the same.
  await studio.call('projects.create', { title: 'Elsewhere' });
  await studio.call('projects.open', { id: project.id });
  assert.deepEqual(await list(), afterRemoval);
});
