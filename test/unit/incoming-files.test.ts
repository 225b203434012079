import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { FileRefs } from '../../main/core/files/file-refs.js';
import { cleanIncoming, INCOMING_LIMITS, receiveUpload } from '../../main/core/files/incoming-files.js';
import { DISK_MARGIN_BYTES } from '../../main/core/files/disk-space.js';
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
      receiveUpload(Readable.from(chunks), 'big.bin', dir, refs, { limits: { maxFileBytes: 1000 } }),
      (error: unknown) => error instanceof AtelierError && error.code === 'TOO_LARGE',
    );
    assert.deepEqual(await fs.readdir(dir), []);
  });

  test('an upload exactly at the limit is accepted', async () => {
    const dir = incomingDir();
    const refs = new FileRefs();
    const ref = await receiveUpload(Readable.from([Buffer.alloc(500), Buffer.alloc(500)]), 'edge.bin', dir, refs, { limits: { maxFileBytes: 1000 } });
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

/** Writes `count` files of `size` bytes into `dir`, dated `ageMs` ago. */
async function seed(dir: string, count: number, size: number, ageMs = 0, prefix = 'old'): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const when = new Date(Date.now() - ageMs);
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${prefix}-${i}`);
    await fs.writeFile(file, Buffer.alloc(size));
    await fs.utimes(file, when, when);
  }
}

const DAY = 24 * 60 * 60 * 1000;

describe('incoming/ is capped and cleaned', () => {
  test('the default cap on one upload is 2 GiB', () => {
    assert.equal(INCOMING_LIMITS.maxFileBytes, 2 * 1024 ** 3);
  });

  test('too many files waiting: the next upload is TOO_LARGE and nothing is written', async () => {
    const dir = incomingDir();
    await seed(dir, 3, 10);
    await assert.rejects(receiveUpload(Readable.from([Buffer.from('x')]), 'a.bin', dir, new FileRefs(), { limits: { maxFiles: 3 } }), {
      code: 'TOO_LARGE',
      message: /Too many uploads are waiting \(3, at most 3\)/,
    });
    assert.equal((await fs.readdir(dir)).length, 3);
  });

  test('too many bytes waiting: refused up front, or as soon as the upload would pass the total', async () => {
    const dir = incomingDir();
    await seed(dir, 2, 500);
    await assert.rejects(receiveUpload(Readable.from([Buffer.alloc(10)]), 'a.bin', dir, new FileRefs(), { limits: { maxTotalBytes: 1000 } }), {
      code: 'TOO_LARGE',
      message: /already hold/,
    });
    await assert.rejects(
      receiveUpload(Readable.from([Buffer.alloc(300), Buffer.alloc(300)]), 'b.bin', dir, new FileRefs(), { limits: { maxTotalBytes: 1500 } }),
      {
        code: 'TOO_LARGE',
        message: /already hold 1.0 kB of 1.5 kB/,
      },
    );
    assert.equal((await fs.readdir(dir)).length, 2);
    const fits = await receiveUpload(Readable.from([Buffer.alloc(500)]), 'c.bin', dir, new FileRefs(), { limits: { maxTotalBytes: 1500 } });
    assert.equal(fits.size, 500);
  });

  test('stale files (older than a day) are cleared to make room', async () => {
    const dir = incomingDir();
    await seed(dir, 3, 10, DAY + 60_000, 'stale');
    await seed(dir, 1, 10, 0, 'fresh');
    const ref = await receiveUpload(Readable.from([Buffer.from('x')]), 'a.bin', dir, new FileRefs(), { limits: { maxFiles: 2 } });
    assert.equal(ref.size, 1);
    const left = (await fs.readdir(dir)).sort();
    assert.equal(left.length, 2);
    assert.ok(left.includes('fresh-0'));
  });

  test('the free disk space caps an upload', async () => {
    const dir = incomingDir();
    await assert.rejects(
      receiveUpload(Readable.from([Buffer.alloc(800), Buffer.alloc(800)]), 'a.bin', dir, new FileRefs(), { freeBytes: async () => DISK_MARGIN_BYTES + 1000 }),
      { code: 'TOO_LARGE', message: /Not enough free disk space/ },
    );
    assert.deepEqual(await fs.readdir(dir), []);
  });

  test('cleanIncoming removes stale files and stray folders, keeps fresh ones, and counts what stays', async () => {
    const dir = incomingDir();
    await seed(dir, 2, 100, 2 * DAY, 'stale');
    await seed(dir, 1, 40, 0, 'fresh');
    await fs.mkdir(path.join(dir, 'stray-folder'));
    assert.deepEqual(await cleanIncoming(dir), { files: 1, bytes: 40 });
    assert.deepEqual(await fs.readdir(dir), ['fresh-0']);
    assert.deepEqual(await cleanIncoming(dir, 0), { files: 0, bytes: 0 });
    assert.deepEqual(await fs.readdir(dir), []);
    assert.deepEqual(await cleanIncoming(path.join(dir, 'missing')), { files: 0, bytes: 0 });
  });
});
