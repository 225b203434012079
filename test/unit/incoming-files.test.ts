import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { FileRefs } from '../../main/core/files/file-refs.js';
import { receiveUpload } from '../../main/core/files/incoming-files.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

before(async () => {
  root = await makeTemp('atelier-incoming-');
});
after(async () => {
  await removeTemp(root);
});

/** A not-yet-existing incoming/ folder per test. */
function incomingDir(): string {
  counter += 1;
  return path.join(root as string, `case-${counter}`, 'incoming');
}

describe('receiveUpload', () => {
  test('writes the bytes and registers an owned ref', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    const chunks = [Buffer.from('hello, '), Buffer.from([0, 1, 2, 255]), Buffer.from(' world')];
    const ref = await receiveUpload(Readable.from(chunks), 'greeting.bin', dir, refs);
    assert.equal(ref.name, 'greeting.bin');
    assert.equal(ref.size, 17);
    const entry = refs.resolve(ref.ref);
    assert.equal(entry.owned, true);
    assert.equal(path.dirname(entry.path), dir);
    assert.deepEqual(await fs.readFile(entry.path), Buffer.concat(chunks));
    // The stored name is random, never the uploaded name.
    assert.notEqual(path.basename(entry.path), 'greeting.bin');
  });

  test('accepts string chunks and counts their bytes', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    const ref = await receiveUpload(Readable.from(['café', ' ok']), 'note.txt', dir, refs);
    assert.equal(ref.size, Buffer.byteLength('café ok'));
    assert.equal(await fs.readFile(refs.resolve(ref.ref).path, 'utf8'), 'café ok');
  });

  test('an empty upload is a zero-byte file', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    const ref = await receiveUpload(Readable.from([]), 'empty.txt', dir, refs);
    assert.equal(ref.size, 0);
    assert.equal((await fs.stat(refs.resolve(ref.ref).path)).size, 0);
  });

  test('strips directory parts from the name', async () => {
    const refs = new FileRefs();
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\Windows\\win.ini', 'win.ini'],
      ['/abs/path/photo.png', 'photo.png'],
      ['C:\\Users\\ada\\song.mp3', 'song.mp3'],
    ];
    for (const [raw, expected] of cases) {
      const dir = incomingDir();
      const ref = await receiveUpload(Readable.from([Buffer.from('x')]), raw, dir, refs);
      assert.equal(ref.name, expected, raw);
      assert.deepEqual((await fs.readdir(path.dirname(dir))).sort(), ['incoming']);
      assert.equal((await fs.readdir(dir)).length, 1);
    }
  });

  test('removes control characters and falls back to "upload"', async () => {
    const refs = new FileRefs();
    const a = await receiveUpload(Readable.from([Buffer.from('x')]), 'bad\u0000na\nme.txt', incomingDir(), refs);
    assert.equal(a.name, 'badname.txt');
    const b = await receiveUpload(Readable.from([Buffer.from('x')]), '', incomingDir(), refs);
    assert.equal(b.name, 'upload');
    const c = await receiveUpload(Readable.from([Buffer.from('x')]), 'dir/', incomingDir(), refs);
    assert.equal(c.name, 'dir');
  });

  test('caps very long names at 255 characters', async () => {
    const refs = new FileRefs();
    const ref = await receiveUpload(Readable.from([Buffer.from('x')]), `${'n'.repeat(400)}.txt`, incomingDir(), refs);
    assert.equal(ref.name.length, 255);
  });

  test('an upload over the limit is TOO_LARGE and leaves no file behind', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    const chunks = [Buffer.alloc(600, 1), Buffer.alloc(600, 2)];
    await assert.rejects(
      receiveUpload(Readable.from(chunks), 'big.bin', dir, refs, 1000),
      (error: unknown) => error instanceof AtelierError && error.code === 'TOO_LARGE',
    );
    assert.deepEqual(await fs.readdir(dir), []);
  });

  test('an upload exactly at the limit is accepted', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    const ref = await receiveUpload(Readable.from([Buffer.alloc(500), Buffer.alloc(500)]), 'edge.bin', dir, refs, 1000);
    assert.equal(ref.size, 1000);
  });

  test('a body that fails midway is IO_ERROR and leaves no file behind', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    async function* broken() {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await assert.rejects(
      receiveUpload(Readable.from(broken()), 'cut.bin', dir, refs),
      (error: unknown) => error instanceof AtelierError && error.code === 'IO_ERROR' && /connection reset/.test(error.message),
    );
    assert.deepEqual(await fs.readdir(dir), []);
  });
});
