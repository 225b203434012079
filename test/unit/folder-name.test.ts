import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { folderNameFor, uniqueFolder } from '../../main/core/projects/folder-name.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

describe('folderNameFor', () => {
  test('keeps an ordinary title and adds the suffix', () => {
    assert.equal(folderNameFor('Harbour Night'), 'Harbour Night.atelier');
    assert.equal(folderNameFor('Café – été'), 'Café – été.atelier');
  });

  test('replaces characters filesystems refuse and collapses the spaces', () => {
    assert.equal(folderNameFor('a/b\\c:d*e?f"g<h>i|j'), 'a b c d e f g h i j.atelier');
    assert.equal(folderNameFor('What? / Why!'), 'What Why!.atelier');
  });

  test('replaces control characters and DEL', () => {
    assert.equal(folderNameFor('line\none\ttab\u0000nul\u007fdel'), 'line one tab nul del.atelier');
  });

  test('trims leading dots and trailing dots and spaces', () => {
    assert.equal(folderNameFor('  ..hidden  '), 'hidden.atelier');
    assert.equal(folderNameFor('Draft...'), 'Draft.atelier');
    assert.equal(folderNameFor('Draft . . '), 'Draft.atelier');
  });

  test('normalizes to NFC so the same title always gives the same folder', () => {
    assert.equal(folderNameFor('Cafe\u0301'), folderNameFor('Caf\u00e9'));
    assert.equal(folderNameFor('Cafe\u0301'), 'Caf\u00e9.atelier');
  });

  test('a lone surrogate becomes U+FFFD, as the filesystem stores it; whole pairs (emoji) stay', () => {
    assert.equal(folderNameFor('Tale \ud800 end'), 'Tale \ufffd end.atelier');
    assert.equal(folderNameFor('\udc00 then \ud83c\udf0a \ud83c'), '\ufffd then \ud83c\udf0a \ufffd.atelier');
  });

  test('falls back to Untitled when nothing usable is left', () => {
    assert.equal(folderNameFor(''), 'Untitled.atelier');
    assert.equal(folderNameFor('   '), 'Untitled.atelier');
    assert.equal(folderNameFor('...'), 'Untitled.atelier');
    assert.equal(folderNameFor('/\\:*?"<>|'), 'Untitled.atelier');
  });

  test('avoids Windows reserved device names in any case', () => {
    for (const name of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'lpt9', 'CON.', ' aux ']) {
      assert.equal(folderNameFor(name), 'Untitled.atelier', name);
    }
    assert.equal(folderNameFor('Console'), 'Console.atelier');
    assert.equal(folderNameFor('CON game'), 'CON game.atelier');
  });

  test('caps the name at 80 characters before the suffix', () => {
    const name = folderNameFor('x'.repeat(500));
    assert.equal(name, `${'x'.repeat(80)}.atelier`);
  });

  test('capping does not leave a trailing space or dot before the suffix', () => {
    const stem = folderNameFor(`${'a'.repeat(79)} tail`).slice(0, -'.atelier'.length);
    assert.doesNotMatch(stem, /[. ]$/);
    const dotted = folderNameFor(`${'b'.repeat(79)}.tail`).slice(0, -'.atelier'.length);
    assert.doesNotMatch(dotted, /[. ]$/);
  });

  test('capping never splits a character in two (the name stays valid Unicode)', () => {
    const name = folderNameFor(`${'a'.repeat(79)}😀 more`);
    // A lone surrogate does not survive a round trip through UTF-8 (it becomes U+FFFD on disk).
    assert.equal(Buffer.from(name, 'utf8').toString('utf8'), name);
  });
});

describe('uniqueFolder', () => {
  test('the path it gives is the name the filesystem then lists, also for a lone surrogate', async () => {
    const parent = await makeTemp('atelier-folder-name-');
    try {
      const made = await uniqueFolder(parent, 'Lighthouse \ud800 Tales');
      await fs.mkdir(made);
      assert.deepEqual(await fs.readdir(parent), [path.basename(made)]);
    } finally {
      await removeTemp(parent);
    }
  });

  let parent: string | undefined;
  before(async () => {
    parent = await makeTemp('atelier-folder-name-');
  });
  after(async () => {
    await removeTemp(parent);
  });

  test('returns the plain name when it is free, numbered names when taken', async () => {
    const dir = path.join(parent as string, 'numbering');
    await fs.mkdir(dir);
    const first = await uniqueFolder(dir, 'Harbour Night');
    assert.equal(first, path.join(dir, 'Harbour Night.atelier'));
    await fs.mkdir(first);
    const second = await uniqueFolder(dir, 'Harbour Night');
    assert.equal(second, path.join(dir, 'Harbour Night 2.atelier'));
    await fs.mkdir(second);
    assert.equal(await uniqueFolder(dir, 'Harbour Night'), path.join(dir, 'Harbour Night 3.atelier'));
  });

  test('a plain file with the name counts as taken too', async () => {
    const dir = path.join(parent as string, 'file-taken');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'Notes.atelier'), 'not a folder');
    assert.equal(await uniqueFolder(dir, 'Notes'), path.join(dir, 'Notes 2.atelier'));
  });

  test('fills the first gap in the numbering', async () => {
    const dir = path.join(parent as string, 'gap');
    await fs.mkdir(dir);
    await fs.mkdir(path.join(dir, 'Gap.atelier'));
    await fs.mkdir(path.join(dir, 'Gap 3.atelier'));
    assert.equal(await uniqueFolder(dir, 'Gap'), path.join(dir, 'Gap 2.atelier'));
  });

  test('uses the cleaned name of the title', async () => {
    const dir = path.join(parent as string, 'cleaned');
    await fs.mkdir(dir);
    await fs.mkdir(path.join(dir, 'Untitled.atelier'));
    assert.equal(await uniqueFolder(dir, 'CON'), path.join(dir, 'Untitled 2.atelier'));
  });
});
