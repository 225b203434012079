import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  BUILT_IN_PRESETS,
  loadPresets,
  mergeWithBuiltIns,
  normalizePresets,
  presetsFile,
  presetsToStore,
  savePresets,
} from '../../main/core/text/system-presets.js';
import { documentFileName, documentOrigin, documentTitle } from '../../main/core/text/text-documents.js';
import { tempHome } from '../support/web-host.js';

let home: string;
before(async () => {
  home = await tempHome('atelier-presets-');
});
after(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('system-prompt presets', () => {
  test('without a file the built-in presets stand, in order', async () => {
    const presets = await loadPresets(home);
    assert.deepEqual(
      presets.map((p) => p.name),
      ['Story writer', 'Editor', 'Screenwriter', 'Teacher', 'Game master'],
    );
    assert.ok(presets.every((p) => p.builtIn && p.system.length > 40));
  });

  test('duplicate ids are refused; builtIn is decided by id, not by the caller', () => {
    assert.throws(
      () =>
        normalizePresets([
          { id: 'a', name: 'A', system: '', builtIn: false },
          { id: 'a', name: 'B', system: '', builtIn: false },
        ]),
      (error: { code?: string }) => error.code === 'INVALID_INPUT',
    );
    const [fake, real] = normalizePresets([
      { id: 'mine', name: 'Mine', system: 'x', builtIn: true },
      { id: 'editor', name: 'Editor', system: 'y', builtIn: false },
    ]);
    assert.equal(fake?.builtIn, false);
    assert.equal(real?.builtIn, true);
  });

  test('only edits and the user’s own presets are stored; a deleted built-in comes back as default', async () => {
    const edited = BUILT_IN_PRESETS.map((p) => (p.id === 'teacher' ? { ...p, system: 'Explain like a friendly tutor.' } : p));
    const mine = { id: 'noir', name: 'Noir narrator', system: 'Hard-boiled first person.', builtIn: false };
    assert.deepEqual(
      presetsToStore([...edited, mine]).map((p) => p.id),
      ['teacher', 'noir'],
    );

    const kept = await savePresets(home, [...edited.filter((p) => p.id !== 'editor'), mine]);
    assert.deepEqual(
      kept.map((p) => p.id),
      ['story-writer', 'editor', 'screenwriter', 'teacher', 'game-master', 'noir'],
    );
    assert.equal(kept.find((p) => p.id === 'editor')?.system, BUILT_IN_PRESETS[1]?.system, 'deleting a built-in resets it');
    assert.equal(kept.find((p) => p.id === 'teacher')?.system, 'Explain like a friendly tutor.');
    assert.deepEqual(await loadPresets(home), kept);
    const onDisk = JSON.parse(await fs.readFile(presetsFile(home), 'utf8')) as { presets: { id: string }[] };
    assert.deepEqual(
      onDisk.presets.map((p) => p.id),
      ['teacher', 'noir'],
    );
  });

  test('a damaged file falls back to the defaults instead of failing', async () => {
    const damaged = path.join(home, 'damaged');
    await fs.mkdir(damaged);
    await fs.writeFile(presetsFile(damaged), '{"version":1,"presets":[{"id":""}]}');
    assert.deepEqual(await loadPresets(damaged), mergeWithBuiltIns([]));
    await fs.writeFile(presetsFile(damaged), '{ not json');
    assert.equal((await loadPresets(damaged)).length, BUILT_IN_PRESETS.length);
  });
});

describe('text documents', () => {
  test('names gain .md on disk and lose it in the editor', () => {
    assert.equal(documentFileName('Chapter one'), 'Chapter one.md');
    assert.equal(documentFileName('notes.MD'), 'notes.MD');
    assert.equal(documentTitle('Chapter one.md'), 'Chapter one');
    assert.equal(documentTitle('plain.txt'), 'plain');
  });

  test('the origin names the text engine only when a suggestion was accepted', () => {
    assert.deepEqual(documentOrigin(undefined), { engine: 'editor' });
    assert.deepEqual(documentOrigin({ prompt: 'p' }), { engine: 'editor' });
    assert.deepEqual(documentOrigin({ model: 'm1', prompt: 'p', seed: 7, parameters: { temperature: 0 } }), {
      engine: 'llama',
      model: 'm1',
      prompt: 'p',
      seed: 7,
      parameters: { temperature: 0 },
    });
  });
});
