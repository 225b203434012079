import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeFileAtomic } from '../../main/core/files/atomic-write.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

async function freshDir(): Promise<string> {
  counter += 1;
  const dir = path.join(root as string, `case-${counter}`);
  await fs.mkdir(dir);
  return dir;
}

before(async () => {
  root = await makeTemp('atelier-atomic-');
});
after(async () => {
  await removeTemp(root);
});

describe('writeFileAtomic', () => {
  test('writes a new file with the given text', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'project.json');
    await writeFileAtomic(file, '{"a":1}\n');
    assert.equal(await fs.readFile(file, 'utf8'), '{"a":1}\n');
    assert.deepEqual(await fs.readdir(dir), ['project.json']);
  });

  test('writes bytes exactly', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'blob.bin');
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    await writeFileAtomic(file, bytes);
    assert.deepEqual(new Uint8Array(await fs.readFile(file)), bytes);
  });

  test('replaces existing content, with no .bak unless asked', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, 'new');
    assert.equal(await fs.readFile(file, 'utf8'), 'new');
    assert.deepEqual(await fs.readdir(dir), ['settings.json']);
  });

  test('with backup: true the previous content lands in .bak', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'project.json');
    await writeFileAtomic(file, 'version 1', { backup: true });
    assert.deepEqual((await fs.readdir(dir)).sort(), ['project.json']);
    await writeFileAtomic(file, 'version 2', { backup: true });
    assert.equal(await fs.readFile(file, 'utf8'), 'version 2');
    assert.equal(await fs.readFile(`${file}.bak`, 'utf8'), 'version 1');
    await writeFileAtomic(file, 'version 3', { backup: true });
    assert.equal(await fs.readFile(file, 'utf8'), 'version 3');
    assert.equal(await fs.readFile(`${file}.bak`, 'utf8'), 'version 2');
    assert.deepEqual((await fs.readdir(dir)).sort(), ['project.json', 'project.json.bak']);
  });

  test('the .bak is a separate copy: later writes never change it in place', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'project.json');
    await writeFileAtomic(file, 'A');
    await writeFileAtomic(file, 'B', { backup: true });
    await writeFileAtomic(file, 'C');
    assert.equal(await fs.readFile(`${file}.bak`, 'utf8'), 'A');
    assert.equal(await fs.readFile(file, 'utf8'), 'C');
  });

  test('leaves no temp files behind after many writes', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'state.json');
    for (let i = 0; i < 10; i += 1) await writeFileAtomic(file, `write ${i}`, { backup: i % 2 === 0 });
    const names = (await fs.readdir(dir)).sort();
    assert.deepEqual(names, ['state.json', 'state.json.bak']);
    assert.equal(await fs.readFile(file, 'utf8'), 'write 9');
  });

  test('concurrent writes to one file each land whole', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'race.json');
    const contents = Array.from({ length: 8 }, (_, i) => `content-${i}-${'x'.repeat(1000 * (i + 1))}`);
    await Promise.all(contents.map((c) => writeFileAtomic(file, c)));
    assert.ok(contents.includes(await fs.readFile(file, 'utf8')));
    assert.deepEqual(await fs.readdir(dir), ['race.json']);
  });

  test('a failed rename (the target is a folder) removes the temp file and rejects', async () => {
    const dir = await freshDir();
    const target = path.join(dir, 'occupied');
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'inside.txt'), 'keep me');
    await assert.rejects(writeFileAtomic(target, 'data'));
    assert.deepEqual(await fs.readdir(dir), ['occupied']);
    assert.equal(await fs.readFile(path.join(target, 'inside.txt'), 'utf8'), 'keep me');
  });

  test('a failed rename with backup: true also leaves no temp file', async () => {
    const dir = await freshDir();
    const target = path.join(dir, 'occupied');
    await fs.mkdir(target);
    await assert.rejects(writeFileAtomic(target, 'data', { backup: true }));
    assert.deepEqual(
      (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [],
    );
    assert.ok((await fs.stat(target)).isDirectory());
  });

  test('a missing folder rejects with ENOENT and creates nothing', async () => {
    const dir = await freshDir();
    await assert.rejects(writeFileAtomic(path.join(dir, 'nope', 'file.json'), 'x'), { code: 'ENOENT' });
    assert.deepEqual(await fs.readdir(dir), []);
  });
});
