import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { ProjectFileSchema } from '../../main/core/projects/project-file.js';
import { projectStoreOn, type StoreHarness } from './support/project-store-on.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let root: string | undefined;
let counter = 0;

before(async () => {
  root = await makeTemp('atelier-projects-');
});
after(async () => {
  await removeTemp(root);
});

interface Harness extends StoreHarness {
  home: string;
}

/** A store over `home` (a fresh data folder unless given), the way the studio builds one. */
async function open(home?: string): Promise<Harness> {
  if (!home) {
    counter += 1;
    home = path.join(root as string, `home-${counter}`);
    await fs.mkdir(home);
  }
  return { home, ...(await projectStoreOn(home)) };
}

function hasCode(code: string) {
  return (error: unknown) => error instanceof AtelierError && error.code === code;
}

async function readProjectFile(dir: string) {
  return await readProjectStrictly(dir);
}

describe('ProjectStore.create', () => {
  test('creates <projects>/<Title>.atelier with a valid project.json and opens it', async () => {
    const { paths, store, changes } = await open();
    const summary = await store.create('Harbour Night');
    assert.equal(summary.path, path.join(paths.projectsDir, 'Harbour Night.atelier'));
    assert.equal(summary.title, 'Harbour Night');
    assert.equal(summary.isOpen, true);
    assert.equal(summary.assetCount, 0);
    assert.equal(summary.sceneCount, 0);
    const saved = await readProjectFile(summary.path);
    assert.equal(saved.id, summary.id);
    assert.equal(saved.title, 'Harbour Night');
    assert.equal(saved.schemaVersion, 2);
    assert.ok((await fs.stat(path.join(summary.path, 'assets'))).isDirectory());
    assert.deepEqual(store.current(), summary);
    assert.deepEqual(changes, [{ projectId: summary.id, revision: 1 }]);
  });

  test('a second project with the same title gets " 2"', async () => {
    const { paths, store } = await open();
    const first = await store.create('Twins');
    const second = await store.create('Twins');
    assert.notEqual(first.id, second.id);
    assert.equal(second.path, path.join(paths.projectsDir, 'Twins 2.atelier'));
    assert.equal((await readProjectFile(first.path)).id, first.id);
    assert.equal((await readProjectFile(second.path)).id, second.id);
  });

  test('two creates with the same title at once get two folders', async () => {
    // A double click on "Create" sends two calls without waiting for the first.
    const { store } = await open();
    const [a, b] = await Promise.all([store.create('Double Click'), store.create('Double Click')]);
    assert.notEqual(a.path, b.path);
    assert.equal((await readProjectFile(a.path)).id, a.id);
    assert.equal((await readProjectFile(b.path)).id, b.id);
  });

  test('a title with forbidden characters still gets a usable folder and keeps its title', async () => {
    const { paths, store } = await open();
    const summary = await store.create('What/Now: "Act I"?');
    assert.equal(summary.title, 'What/Now: "Act I"?');
    assert.equal(path.dirname(summary.path), paths.projectsDir);
    assert.equal(path.basename(summary.path), 'What Now Act I.atelier');
    assert.equal((await readProjectFile(summary.path)).title, 'What/Now: "Act I"?');
  });
});

describe('ProjectStore.list', () => {
  test('lists most recently opened first and marks the open one', async (t) => {
    // A clock that moves a second per step, so no two openings share a timestamp.
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    const { store } = await open();
    const a = await store.create('Alpha');
    t.mock.timers.tick(1000);
    const b = await store.create('Beta');
    t.mock.timers.tick(1000);
    const c = await store.create('Gamma');
    t.mock.timers.tick(1000);
    await store.openById(a.id);
    const listed = await store.list();
    assert.deepEqual(
      listed.map((p) => [p.title, p.isOpen]),
      [
        ['Alpha', true],
        ['Gamma', false],
        ['Beta', false],
      ],
    );
    assert.deepEqual(new Set(listed.map((p) => p.id)), new Set([a.id, b.id, c.id]));
  });

  test('finds projects in the folder that the state file does not know', async () => {
    const { home, store } = await open();
    const made = await store.create('Found Later');
    await fs.rm(path.join(home, 'state.json'));
    const fresh = await open(home);
    const listed = await fresh.store.list();
    assert.deepEqual(
      listed.map((p) => [p.id, p.isOpen]),
      [[made.id, false]],
    );
  });

  test('an empty data folder lists nothing', async () => {
    const { store } = await open();
    assert.deepEqual(await store.list(), []);
    assert.equal(store.current(), null);
  });
});

describe('ProjectStore.rename', () => {
  test('changes the title and moves the folder to match', async () => {
    const { paths, store, changes } = await open();
    const made = await store.create('Working Title');
    const renamed = await store.rename(made.id, 'Final Title');
    assert.equal(renamed.title, 'Final Title');
    assert.equal(renamed.path, path.join(paths.projectsDir, 'Final Title.atelier'));
    await assert.rejects(fs.access(made.path));
    assert.equal((await readProjectFile(renamed.path)).title, 'Final Title');
    assert.deepEqual(store.current(), renamed);
    assert.deepEqual(changes.at(-1), { projectId: made.id, revision: 2 });
    const listed = await store.list();
    assert.deepEqual(
      listed.map((p) => [p.title, p.path]),
      [['Final Title', renamed.path]],
    );
  });

  test('renaming to a title whose folder is taken picks a numbered folder', async () => {
    const { paths, store } = await open();
    await store.create('Taken');
    const other = await store.create('Other');
    const renamed = await store.rename(other.id, 'Taken');
    assert.equal(renamed.path, path.join(paths.projectsDir, 'Taken 2.atelier'));
  });

  test('renaming a project that is not open keeps the open one as the project to restore', async () => {
    const { home, store } = await open();
    const other = await store.create('Side Project');
    const main = await store.create('Main Project');
    assert.equal(store.current()?.id, main.id);
    await store.rename(other.id, 'Side Project Renamed');
    assert.equal(store.current()?.id, main.id);
    const next = await open(home);
    await next.store.restoreLast();
    assert.equal(next.store.current()?.id, main.id);
  });

  test('renaming an unknown id is NOT_FOUND', async () => {
    const { store } = await open();
    await assert.rejects(store.rename('5f0c6a8e-2b1d-4e5f-9a7b-1c2d3e4f5a6b', 'X'), hasCode('NOT_FOUND'));
  });
});

describe('ProjectStore.remove', () => {
  test('moves the folder to trash/ and forgets the project', async () => {
    const { home, paths, store, changes } = await open();
    const made = await store.create('Doomed');
    const removed = await store.remove(made.id);
    assert.equal(removed.id, made.id);
    assert.equal(path.dirname(removed.movedTo), paths.trashDir);
    assert.match(path.basename(removed.movedTo), /^Doomed \d+\.atelier$/);
    assert.equal((await readProjectFile(removed.movedTo)).id, made.id);
    await assert.rejects(fs.access(made.path));
    assert.equal(store.current(), null);
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(changes.at(-1), { projectId: null });
    await assert.rejects(store.openById(made.id), hasCode('NOT_FOUND'));
    const next = await open(home);
    await next.store.restoreLast();
    assert.equal(next.store.current(), null);
  });

  test('removing a project that is not open keeps the open one open', async () => {
    const { store } = await open();
    const gone = await store.create('Gone');
    const kept = await store.create('Kept');
    await store.remove(gone.id);
    assert.equal(store.current()?.id, kept.id);
    assert.deepEqual(
      (await store.list()).map((p) => p.id),
      [kept.id],
    );
  });
});

describe('ProjectStore.openById and recovery', () => {
  test('opens a project by id and reports no recovery', async () => {
    const { store, changes } = await open();
    const a = await store.create('A');
    await store.create('B');
    const opened = await store.openById(a.id);
    assert.equal(opened.recoveredFromBackup, false);
    assert.equal(opened.project.id, a.id);
    assert.equal(opened.project.isOpen, true);
    assert.equal(store.current()?.id, a.id);
    // Created, created, opened: every change a revision of its own.
    assert.deepEqual(changes.at(-1), { projectId: a.id, revision: 3 });
    assert.equal(store.revision(), 3);
  });

  test('a corrupt project.json with a good .bak opens from the backup and keeps the damaged file', async () => {
    const { home, store } = await open();
    const made = await store.create('Fragile');
    // Folding the journal into project.json leaves the first version in project.json.bak.
    await store.update(made.id, (data) => ({ ...data, title: 'Fragile v2' }));
    await store.compact();
    const file = path.join(made.path, 'project.json');
    await fs.writeFile(file, '{"schemaVersion": 1, "id": ');

    const fresh = await open(home);
    const opened = await fresh.store.openById(made.id);
    assert.equal(opened.recoveredFromBackup, true);
    assert.equal(opened.project.id, made.id);
    assert.equal(opened.project.title, 'Fragile');
    const names = await fs.readdir(made.path);
    const corrupt = names.filter((n) => /^project\.json\.corrupt-\d+$/.test(n));
    assert.equal(corrupt.length, 1);
    assert.equal(await fs.readFile(path.join(made.path, corrupt[0] as string), 'utf8'), '{"schemaVersion": 1, "id": ');
    // project.json is whole again.
    assert.equal((await readProjectFile(made.path)).id, made.id);
  });

  test('a corrupt project.json with no backup is PROJECT_CORRUPT for the open project', async () => {
    const { store } = await open();
    const made = await store.create('Lost');
    await fs.writeFile(path.join(made.path, 'project.json'), 'garbage');
    await assert.rejects(store.openById(made.id), hasCode('PROJECT_CORRUPT'));
    // The damaged file is not touched.
    assert.equal(await fs.readFile(path.join(made.path, 'project.json'), 'utf8'), 'garbage');
  });

  test('a recent project whose project.json is corrupt with no backup is PROJECT_CORRUPT, not NOT_FOUND', async () => {
    const { home, store } = await open();
    const made = await store.create('Lost Later');
    await fs.writeFile(path.join(made.path, 'project.json'), 'garbage');
    const fresh = await open(home);
    await assert.rejects(fresh.store.openById(made.id), hasCode('PROJECT_CORRUPT'));
  });

  test('an unknown id is NOT_FOUND', async () => {
    const { store } = await open();
    await store.create('Something');
    await assert.rejects(store.openById('5f0c6a8e-2b1d-4e5f-9a7b-1c2d3e4f5a6b'), hasCode('NOT_FOUND'));
  });
});

describe('ProjectStore.update', () => {
  test('with no open project is NO_PROJECT_OPEN', async () => {
    const { store } = await open();
    await assert.rejects(
      store.update('5f0c6a8e-2b1d-4e5f-9a7b-1c2d3e4f5a6b', (d) => d),
      hasCode('NO_PROJECT_OPEN'),
    );
    assert.throws(() => store.requireOpen(), hasCode('NO_PROJECT_OPEN'));
  });

  test('for a project that is no longer the open one is NO_PROJECT_OPEN', async () => {
    const { store } = await open();
    const first = await store.create('First');
    await store.create('Second');
    await assert.rejects(
      store.update(first.id, (d) => d),
      hasCode('NO_PROJECT_OPEN'),
    );
  });

  test('saves the change, bumps updatedAt, emits project.changed and keeps a .bak once compacted', async () => {
    const { store, changes } = await open();
    const made = await store.create('Editable');
    const saved = await store.update(made.id, (data) => ({ ...data, title: 'Edited' }));
    assert.equal(saved.title, 'Edited');
    assert.ok(saved.updatedAt >= made.updatedAt);
    assert.equal((await readProjectFile(made.path)).title, 'Edited');
    await store.compact();
    assert.equal(ProjectFileSchema.parse(JSON.parse(await fs.readFile(path.join(made.path, 'project.json'), 'utf8'))).title, 'Edited');
    const bak = ProjectFileSchema.parse(JSON.parse(await fs.readFile(path.join(made.path, 'project.json.bak'), 'utf8')));
    assert.equal(bak.title, 'Editable');
    assert.equal(store.current()?.title, 'Edited');
    // Compacting is no change of the project's: the revision stays at the update's. A title
    // change leaves the scenes and video as they were, so the storyboard need not be read again.
    assert.deepEqual(changes.at(-1), { projectId: made.id, revision: 2, storyboard: false });
    assert.equal(store.revision(), 2);
    await store.update(made.id, (data) => ({ ...data, scenes: [...data.scenes] }));
    assert.deepEqual(changes.at(-1), { projectId: made.id, revision: 3 }, 'new scenes are a storyboard change');
  });

  test('concurrent updates are serialized and none is lost', async () => {
    const { store, changes } = await open();
    const made = await store.create('Counter');
    await Promise.all(Array.from({ length: 10 }, () => store.update(made.id, (data) => ({ ...data, title: `${data.title}+` }))));
    assert.equal((await readProjectFile(made.path)).title, `Counter${'+'.repeat(10)}`);
    // One revision per change, in the order they were made.
    assert.deepEqual(
      changes.map((change) => change.revision),
      Array.from({ length: 11 }, (_, i) => i + 1),
    );
  });

  test('an update that produces invalid data is refused and nothing is written', async () => {
    const { store } = await open();
    const made = await store.create('Strict');
    await assert.rejects(store.update(made.id, (data) => ({ ...data, title: '' })));
    assert.equal((await readProjectFile(made.path)).title, 'Strict');
    assert.equal(store.current()?.title, 'Strict');
  });
});

describe('ProjectStore.restoreLast', () => {
  test('reopens the last project in a new store on the same folder', async () => {
    const { home, store } = await open();
    const a = await store.create('Yesterday');
    await store.create('Other');
    await store.openById(a.id);
    const next = await open(home);
    assert.equal(next.store.current(), null);
    await next.store.restoreLast();
    assert.equal(next.store.current()?.id, a.id);
    assert.deepEqual(next.changes, [{ projectId: a.id, revision: 1 }]);
  });

  test('with nothing opened before it does nothing', async () => {
    const { store, changes } = await open();
    await store.restoreLast();
    assert.equal(store.current(), null);
    assert.deepEqual(changes, []);
  });

  test('when the last project no longer loads it warns and forgets it as last', async () => {
    const { home, store } = await open();
    const made = await store.create('Vanishing');
    await fs.rm(made.path, { recursive: true });
    const next = await open(home);
    await next.store.restoreLast();
    assert.equal(next.store.current(), null);
    assert.ok(next.log.lines.some((l) => l.level === 'warn' && l.area === 'projects'));
    const state = JSON.parse(await fs.readFile(path.join(home, 'state.json'), 'utf8')) as { lastProjectId: unknown };
    assert.equal(state.lastProjectId, null);
  });
});
