import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { FileRefs } from '../../main/core/files/file-refs.js';
import { refForRecording } from '../../main/hosts/electron/recording-channel.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let dir: string;
before(async () => {
  dir = await makeTemp('atelier-recording-channel-');
});
after(() => removeTemp(dir));

describe('the desktop recording channel', () => {
  test('a take’s bytes become an owned file ref in incoming/, released like an upload', async () => {
    const refs = new FileRefs();
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const incoming = path.join(dir, 'incoming');
    const ref = await refForRecording({ bytes: bytes.buffer, name: '../../recording-1.wav' }, incoming, refs);
    assert.equal(ref.name, 'recording-1.wav', 'the name is a base name only');
    assert.equal(ref.size, 1000);
    const entry = refs.resolve(ref.ref);
    assert.equal(path.dirname(entry.path), incoming);
    assert.deepEqual(new Uint8Array(await fs.readFile(entry.path)), bytes);
    await refs.release(ref.ref);
    await assert.rejects(fs.stat(entry.path), 'our own copy is deleted once used');
    // A typed-array view is taken at its own offset, not the whole buffer.
    const view = new Uint8Array(bytes.buffer, 10, 20);
    const viewRef = await refForRecording({ bytes: view, name: 'take.wav' }, incoming, refs);
    assert.deepEqual(new Uint8Array(await fs.readFile(refs.resolve(viewRef.ref).path)), bytes.subarray(10, 30));
  });

  test('anything but bytes and a name is refused with a typed error', async () => {
    const refs = new FileRefs();
    for (const input of [null, 'bytes', { bytes: 'abc', name: 'a.wav' }, { bytes: new ArrayBuffer(4) }, { bytes: new ArrayBuffer(4), name: 'x'.repeat(300) }]) {
      await assert.rejects(
        refForRecording(input, path.join(dir, 'incoming'), refs),
        (error: unknown) => error instanceof AtelierError && error.code === 'INVALID_INPUT',
      );
    }
  });
});
