import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppState } from '../../main/core/projects/app-state.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;

before(async () => {
  root = await makeTemp('atelier-app-state-');
});
after(async () => {
  await removeTemp(root);
});

describe('AppState', () => {
  test('a damaged state file loads as empty', async () => {
    const home = await fs.mkdtemp(path.join(root as string, 'home-'));
    await fs.writeFile(path.join(home, 'state.json'), '{"recent": 5}');
    const state = new AppState(path.join(home, 'state.json'));
    await state.load();
    assert.equal(state.lastProjectId, null);
    assert.deepEqual(state.recent, []);
  });

  test('touch puts a project first, remembers it as last; forget removes it', async () => {
    const home = await fs.mkdtemp(path.join(root as string, 'home-'));
    const file = path.join(home, 'state.json');
    const state = new AppState(file);
    await state.load();
    await state.touch('a', '/p/a');
    await state.touch('b', '/p/b');
    await state.touch('a', '/p/a2');
    assert.equal(state.lastProjectId, 'a');
    assert.deepEqual(
      state.recent.map((r) => [r.id, r.path]),
      [
        ['a', '/p/a2'],
        ['b', '/p/b'],
      ],
    );
    await state.forget('a');
    assert.equal(state.lastProjectId, null);
    const reloaded = new AppState(file);
    await reloaded.load();
    assert.deepEqual(
      reloaded.recent.map((r) => r.id),
      ['b'],
    );
  });
});
