import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Scene } from '../../preload/contract.js';
import { newProjectFile, serializeBundleProject, serializeProject, type ProjectFile } from '../../main/core/projects/project-file.js';
import { loadProject, peekProject, readProjectStrictly, saveProject, saveProjectChange } from '../../main/core/projects/project-folder.js';
import { JOURNAL_FILE } from '../../main/core/projects/project-journal.js';
import { projectStoreOn } from './support/project-store-on.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;
before(async () => {
  root = await makeTemp('atelier-journal-');
});
after(async () => {
  await removeTemp(root);
});

async function folder(): Promise<string> {
  counter += 1;
  const dir = path.join(root as string, `p${counter}.atelier`);
  await fs.mkdir(path.join(dir, 'assets'), { recursive: true });
  return dir;
}

function scenes(count: number): Scene[] {
  return Array.from({ length: count }, (_, i) => ({ id: `s${i}`, title: `Scene ${i}`, text: `The text of scene ${i}. `.repeat(20) }));
}

function retext(data: ProjectFile, index: number, text: string): ProjectFile {
  return { ...data, scenes: data.scenes.map((s, i) => (i === index ? { ...s, text } : s)) };
}

const journalOf = (dir: string) => fs.readFile(path.join(dir, JOURNAL_FILE), 'utf8');
const projectJsonOf = async (dir: string) => JSON.parse(await fs.readFile(path.join(dir, 'project.json'), 'utf8')) as ProjectFile;

async function started(count: number) {
  const dir = await folder();
  await saveProject(dir, { ...newProjectFile(randomUUID(), 'Journal'), scenes: scenes(count) });
  return { dir, open: await loadProject(dir) };
}

describe('project journal', () => {
  test('an edit appends one line whose size does not grow with the number of scenes, and project.json is untouched', async () => {
    const grown: number[] = [];
    for (const count of [5, 500]) {
      const { dir, open } = await started(count);
      const before = await fs.readFile(path.join(dir, 'project.json'), 'utf8');
      const first = await saveProjectChange(open, retext(open.data, 3, 'first'));
      const second = await saveProjectChange(first, retext(first.data, 4, 'second'));
      grown.push(second.journal.bytes - first.journal.bytes);
      assert.equal(await fs.readFile(path.join(dir, 'project.json'), 'utf8'), before, 'project.json is not rewritten');
      assert.equal((await journalOf(dir)).split('\n').length, 4, 'a header and two lines');
      assert.deepEqual((await readProjectStrictly(dir)).scenes, second.data.scenes);
    }
    assert.equal(grown[0], grown[1], 'the second edit wrote the same bytes at 5 and at 500 scenes');
  });

  test('a torn last line is ignored, and the next write replaces it', async () => {
    const { dir, open } = await started(10);
    const one = await saveProjectChange(open, retext(open.data, 1, 'kept'));
    const two = await saveProjectChange(one, retext(one.data, 2, 'torn away'));
    const full = await journalOf(dir);
    // A crash in the middle of the second line: half of it reached the disk, without its newline.
    const cut = full.length - Math.floor((full.length - one.journal.bytes) / 2);
    await fs.writeFile(path.join(dir, JOURNAL_FILE), full.slice(0, cut));
    const read = await peekProject(dir);
    assert.equal(read.data.scenes[1]?.text, 'kept');
    assert.equal(read.data.scenes[2]?.text, open.data.scenes[2]?.text, 'the torn edit is not half-applied');
    assert.equal(read.journal.entries, 1);
    // A process still running after a failed write appends where the last whole line ended.
    await saveProjectChange({ ...two, data: read.data, journal: read.journal }, retext(read.data, 3, 'after the tear'));
    const again = await readProjectStrictly(dir);
    assert.deepEqual(
      again.scenes.slice(1, 4).map((s) => s.text),
      ['kept', open.data.scenes[2]?.text, 'after the tear'],
    );
  });

  test('a journal line that is damaged ends the replay there', async () => {
    const { dir, open } = await started(4);
    const one = await saveProjectChange(open, retext(open.data, 0, 'one'));
    await saveProjectChange(one, retext(one.data, 1, 'two'));
    const [header, first, second] = (await journalOf(dir)).split('\n');
    await fs.writeFile(path.join(dir, JOURNAL_FILE), `${header}\n${first}\n{"head": 12}\n${second}\n`);
    const read = await readProjectStrictly(dir);
    assert.deepEqual(
      read.scenes.slice(0, 2).map((s) => s.text),
      ['one', open.data.scenes[1]?.text],
    );
  });

  test('opening folds the journal into project.json; a journal left by a crash after that is not replayed twice', async () => {
    const { dir, open } = await started(6);
    // Moves and adds: replaying these on top of the folded file would duplicate or reorder scenes.
    const moved = await saveProjectChange(open, { ...open.data, scenes: [...open.data.scenes.slice(3), ...open.data.scenes.slice(0, 3)] });
    const added = await saveProjectChange(moved, { ...moved.data, title: 'Folded', scenes: [...moved.data.scenes, { id: 'new', title: 'New', text: '' }] });
    const leftOver = await journalOf(dir);
    const reopened = await loadProject(dir);
    await assert.rejects(journalOf(dir), { code: 'ENOENT' }, 'the journal is removed once folded in');
    const onDisk = await projectJsonOf(dir);
    assert.deepEqual(onDisk.scenes, added.data.scenes);
    assert.equal(onDisk.title, 'Folded');
    assert.deepEqual(reopened.data.scenes, added.data.scenes);
    // The crash: project.json was rewritten but the old journal was not removed yet.
    await fs.writeFile(path.join(dir, JOURNAL_FILE), leftOver);
    assert.deepEqual((await readProjectStrictly(dir)).scenes, added.data.scenes);
  });

  test('the store folds a journal past its bound into project.json after answering the edit', async () => {
    counter += 1;
    const { store } = await projectStoreOn(path.join(root as string, `home-${counter}`));
    const made = await store.create('Bounded');
    // Big scene texts: the journal outgrows its floor (256 kB) within a few dozen edits.
    const big = 'x'.repeat(20_000);
    let lines = 0;
    let foldedAfter = 0;
    for (let n = 1; n <= 40 && foldedAfter === 0; n += 1) {
      await store.update(made.id, (data) => ({ ...data, scenes: [...data.scenes, { id: `s${n}`, title: `S${n}`, text: big }] }));
      // The fold is queued behind the edit that crossed the bound: this edit lands in a fresh journal.
      const now = (await journalOf(made.path)).split('\n').length - 1;
      if (now < lines) foldedAfter = n - 1;
      lines = now;
    }
    assert.ok(foldedAfter > 10, `folded once past the bound, after edit ${foldedAfter}`);
    assert.equal(lines, 2, 'the journal restarted: its header and the newest edit');
    const onDisk = await projectJsonOf(made.path);
    assert.equal(onDisk.scenes.length, foldedAfter);
    assert.equal(onDisk.schemaVersion, 2);
    assert.equal((await readProjectStrictly(made.path)).scenes.length, foldedAfter + 1);
  });

  test('a version-1 folder opens, is migrated to version 2 and keeps the old file as its backup', async () => {
    const dir = await folder();
    const v1 = { ...newProjectFile(randomUUID(), 'From an older Atelier'), schemaVersion: 1 as const, scenes: scenes(3) };
    const oldText = serializeProject(v1);
    await fs.writeFile(path.join(dir, 'project.json'), oldText);
    const peeked = await peekProject(dir);
    assert.equal(peeked.data.schemaVersion, 2);
    assert.equal(await fs.readFile(path.join(dir, 'project.json'), 'utf8'), oldText, 'reading alone changes nothing');
    const opened = await loadProject(dir);
    assert.deepEqual(opened.data.scenes, v1.scenes);
    assert.equal((await projectJsonOf(dir)).schemaVersion, 2);
    assert.equal(await fs.readFile(path.join(dir, 'project.json.bak'), 'utf8'), oldText);
    // A bundle carries one self-contained project.json, which older versions read.
    assert.equal((JSON.parse(serializeBundleProject(opened.data)) as ProjectFile).schemaVersion, 1);
  });
});
