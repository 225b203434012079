import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';
import { PROJECT_LOCK_FILE } from '../../main/core/projects/project-sharing.js';
import { ProjectStore } from '../../main/core/projects/project-store.js';
import { AtelierError } from '../../preload/errors.js';
import { waitFor } from '../support/wait-for.js';
import { projectStoreOn } from './support/project-store-on.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

const WRITER = fileURLToPath(new URL('./support/project-writer.ts', import.meta.url));
let root: string | undefined;
let count = 0;

before(async () => {
  root = await makeTemp('atelier-two-writers-');
});
after(async () => {
  await removeTemp(root);
});

async function freshHome(): Promise<string> {
  count += 1;
  const home = path.join(root as string, `home-${count}`);
  await fs.mkdir(home);
  return home;
}

/** Runs the second process (support/project-writer.ts) with this process's TypeScript loader. */
function writer(home: string, projectId: string, prefix: string, scenes: number): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, WRITER, home, projectId, prefix, String(scenes)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the second writer exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

const addScene = (id: string) => (data: Parameters<Parameters<ProjectStore['update']>[1]>[0]) => ({
  ...data,
  scenes: [...data.scenes, { id, title: id, text: 'Written by the studio.' }],
});

test('the studio and a second process change one project at the same time: every change of both is kept, in each one’s order', async () => {
  const home = await freshHome();
  const { store } = await projectStoreOn(home);
  const project = await store.create('Shared Harbour');
  const SCENES = 40;
  let done = false;
  const other = writer(home, project.id, 'cli', SCENES).finally(() => (done = true));
  // The studio keeps changing the project for as long as the other process runs, so the two
  // overlap. (Whether their scenes interleave in the saved order depends on who gets the lock
  // when: a tight loop of changes can keep taking it for its whole run.)
  let made = 0;
  while (!done || made < SCENES) {
    await store.update(project.id, addScene(`studio-${made}`));
    made += 1;
    if (made % 9 === 0) await store.compact();
  }
  await other;
  // One more change after the other process is done: it is made on top of everything saved.
  await store.update(project.id, addScene('studio-last'));
  const saved = await readProjectStrictly(project.path);
  const ids = saved.scenes.map((scene) => scene.id);
  assert.equal(new Set(ids).size, ids.length, 'no scene twice');
  const expected = { studio: made, cli: SCENES };
  for (const [prefix, n] of Object.entries(expected)) {
    const own = ids.filter((id) => id.startsWith(`${prefix}-`) && id !== 'studio-last');
    assert.deepEqual(
      own,
      Array.from({ length: n }, (_, i) => `${prefix}-${i}`),
      `every ${prefix} scene, in order`,
    );
  }
  assert.equal(ids.at(-1), 'studio-last');
  assert.deepEqual(
    store.requireOpen().data.scenes.map((scene) => scene.id),
    ids,
    'the studio holds what is saved',
  );
  await assert.rejects(fs.access(path.join(project.path, PROJECT_LOCK_FILE)), 'no lock is left behind');
});

test('a change made by another process is read in before the next change, and announced as a storyboard change', async () => {
  const home = await freshHome();
  const first = await projectStoreOn(home);
  const project = await first.store.create('Two Windows');
  await first.store.update(project.id, addScene('mine'));
  await writer(home, project.id, 'theirs', 1);
  first.changes.length = 0;
  // A change that leaves the scenes alone still brings in the other process's scene.
  const data = await first.store.update(project.id, (d) => ({ ...d, title: 'Two Windows, renamed' }));
  assert.deepEqual(
    data.scenes.map((scene) => scene.id),
    ['mine', 'theirs-0'],
  );
  assert.equal(first.changes.at(-1)?.storyboard, undefined, 'clients read the storyboard again');
  assert.equal((await readProjectStrictly(project.path)).title, 'Two Windows, renamed');
});

test('a watching studio reads in another process’s change as it is saved, and announces it', async () => {
  const home = await freshHome();
  const { store, changes } = await projectStoreOn(home);
  const project = await store.create('Live Harbour');
  store.watch();
  try {
    await store.update(project.id, addScene('mine'));
    changes.length = 0;
    await writer(home, project.id, 'theirs', 2);
    await waitFor('the other process’s scenes in the studio', () => store.requireOpen().data.scenes.length === 3, { timeoutMs: 10_000 });
    assert.deepEqual(
      store.requireOpen().data.scenes.map((scene) => scene.id),
      ['mine', 'theirs-0', 'theirs-1'],
    );
    await waitFor('project.changed', () => changes.some((change) => change.projectId === project.id));
    // The studio's own changes are not read back as someone else's.
    const announced = changes.length;
    await store.update(project.id, addScene('mine-again'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(changes.length, announced + 1, 'one announcement for one own change');
  } finally {
    store.close();
  }
});

test('a project folder another process put away is NOT_FOUND on the next change, not a raw file error', async () => {
  const home = await freshHome();
  const { store } = await projectStoreOn(home);
  const project = await store.create('Gone Away');
  await fs.rename(project.path, `${project.path}.moved`);
  await assert.rejects(store.update(project.id, addScene('late')), (error: unknown) => error instanceof AtelierError && error.code === 'NOT_FOUND');
});
