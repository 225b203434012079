import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { appPaths } from '../../main/core/app-paths.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { AppState } from '../../main/core/projects/app-state.js';
import { damagedProjectId } from '../../main/core/projects/damaged-project.js';
import { ProjectStore } from '../../main/core/projects/project-store.js';
import { recordingLogger } from './support/recording-logger.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;

before(async () => {
  root = await makeTemp('atelier-damaged-');
});
after(async () => {
  await removeTemp(root);
});

async function open() {
  const home = path.join(root as string, `home-${Math.random().toString(36).slice(2)}`);
  await fs.mkdir(home);
  const paths = appPaths(home);
  const state = new AppState(paths.stateFile);
  await state.load();
  const log = recordingLogger();
  return { paths, store: new ProjectStore(paths, state, new EventBus(), log), log };
}

describe('damaged projects in the store', () => {
  test('lists a damaged project folder as damaged, with a warning, and opening it says what to do', async () => {
    const { paths, store, log } = await open();
    const good = await store.create('Good');
    const broken = path.join(paths.projectsDir, 'Broken.atelier');
    await fs.mkdir(broken);
    await fs.writeFile(path.join(broken, 'project.json'), '{ nope');
    // A folder with neither file is not a project at all (or one still being made): not listed.
    await fs.mkdir(path.join(paths.projectsDir, 'Empty.atelier'));
    const listed = await store.list();
    assert.deepEqual(listed.map((p) => [p.title, p.status ?? 'ok']).sort(), [
      ['Broken', 'damaged'],
      ['Good', 'ok'],
    ]);
    const damaged = listed.find((p) => p.status === 'damaged');
    assert.equal(damaged?.path, broken);
    assert.match(damaged?.problem ?? '', /project\.json is damaged/);
    assert.notEqual(damaged?.id, good.id);
    // The id is stable: the next listing (and the next start) names it the same way.
    assert.equal((await store.list()).find((p) => p.status === 'damaged')?.id, damaged?.id);
    await assert.rejects(
      store.openById(damaged?.id as string),
      (e: unknown) => e instanceof AtelierError && e.code === 'PROJECT_CORRUPT' && /put a good copy of project\.json back/.test(e.message),
    );
    assert.equal(await store.folderFor(damaged?.id as string), broken);
    assert.equal(store.current()?.id, good.id, 'the failed open leaves the open project open');
    assert.ok(log.lines.some((l) => l.level === 'warn' && l.message.includes('Broken.atelier')));
    // The trash is a way out for a damaged project too.
    await store.remove(damaged?.id as string);
    assert.deepEqual(
      (await store.list()).map((p) => p.id),
      [good.id],
    );
  });

  test('the id of a damaged folder is a valid UUID, stable, and differs per folder', () => {
    const a = damagedProjectId('/data/projects/A.atelier');
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(damagedProjectId('/data/projects/A.atelier'), a);
    assert.notEqual(damagedProjectId('/data/projects/B.atelier'), a);
  });
});
