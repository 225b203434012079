import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { FileRefs } from '../../main/core/files/file-refs.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

before(async () => {
  root = await makeTemp('atelier-file-refs-');
});
after(async () => {
  await removeTemp(root);
});

async function fileWith(content: string): Promise<string> {
  counter += 1;
  const file = path.join(root as string, `file-${counter}.txt`);
  await fs.writeFile(file, content);
  return file;
}

const notFound = (error: unknown) => error instanceof AtelierError && error.code === 'NOT_FOUND';

describe('FileRefs', () => {
  test('register hands out an opaque ref that resolves to the file', async () => {
    const refs = new FileRefs();
    const file = await fileWith('hello');
    const ref = refs.register({ path: file, name: 'hello.txt', size: 5, owned: false });
    assert.deepEqual(Object.keys(ref).sort(), ['name', 'ref', 'size']);
    assert.equal(ref.name, 'hello.txt');
    assert.equal(ref.size, 5);
    assert.match(ref.ref, /^[0-9a-f]{32}$/);
    assert.equal(ref.ref.includes(path.basename(file)), false);
    const entry = refs.resolve(ref.ref);
    assert.equal(entry.path, file);
    assert.equal(entry.name, 'hello.txt');
    assert.equal(entry.owned, false);
  });

  test('each registration gets its own ref', async () => {
    const refs = new FileRefs();
    const file = await fileWith('x');
    const a = refs.register({ path: file, name: 'x', size: 1, owned: false });
    const b = refs.register({ path: file, name: 'x', size: 1, owned: false });
    assert.notEqual(a.ref, b.ref);
  });

  test('resolving does not use the ref up', async () => {
    const refs = new FileRefs();
    const ref = refs.register({ path: await fileWith('x'), name: 'x', size: 1, owned: false });
    refs.resolve(ref.ref);
    assert.equal(refs.resolve(ref.ref).name, 'x');
  });

  test('an unknown ref is NOT_FOUND', () => {
    const refs = new FileRefs();
    assert.throws(() => refs.resolve('0'.repeat(32)), notFound);
    assert.throws(() => refs.resolve(''), notFound);
    assert.throws(() => refs.resolve('__proto__'), notFound);
  });

  test('release deletes an owned temporary copy and forgets the ref', async () => {
    const refs = new FileRefs();
    const file = await fileWith('upload');
    const ref = refs.register({ path: file, name: 'up.txt', size: 6, owned: true });
    await refs.release(ref.ref);
    await assert.rejects(fs.access(file), { code: 'ENOENT' });
    assert.throws(() => refs.resolve(ref.ref), notFound);
  });

  test("release never deletes the user's own file", async () => {
    const refs = new FileRefs();
    const file = await fileWith('precious');
    const ref = refs.register({ path: file, name: 'precious.txt', size: 8, owned: false });
    await refs.release(ref.ref);
    assert.equal(await fs.readFile(file, 'utf8'), 'precious');
    assert.throws(() => refs.resolve(ref.ref), notFound);
  });

  test('release of an unknown ref or an already deleted file is harmless', async () => {
    const refs = new FileRefs();
    await refs.release('nope');
    const file = await fileWith('gone');
    const ref = refs.register({ path: file, name: 'gone', size: 4, owned: true });
    await fs.rm(file);
    await refs.release(ref.ref);
    assert.throws(() => refs.resolve(ref.ref), notFound);
  });

  test('dispose deletes owned copies only', async () => {
    const refs = new FileRefs();
    const owned = await fileWith('tmp');
    const mine = await fileWith('user');
    const a = refs.register({ path: owned, name: 'a', size: 3, owned: true });
    const b = refs.register({ path: mine, name: 'b', size: 4, owned: false });
    await refs.dispose();
    await assert.rejects(fs.access(owned), { code: 'ENOENT' });
    assert.equal(await fs.readFile(mine, 'utf8'), 'user');
    assert.throws(() => refs.resolve(a.ref), notFound);
    assert.throws(() => refs.resolve(b.ref), notFound);
  });

  test('refs expire after an hour', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    const refs = new FileRefs();
    const file = await fileWith('old');
    const ref = refs.register({ path: file, name: 'old', size: 3, owned: false });
    t.mock.timers.tick(59 * 60 * 1000);
    assert.equal(refs.resolve(ref.ref).name, 'old');
    t.mock.timers.tick(2 * 60 * 1000);
    assert.throws(() => refs.resolve(ref.ref), notFound);
    assert.equal(await fs.readFile(file, 'utf8'), 'old');
  });
});
