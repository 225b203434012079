import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureFreeSpace, freeBytes } from '../../main/core/files/disk-space.js';
import { findResumePoint, isPartialName, partialPaths, writeSidecar } from '../../main/core/models/download-resume.js';
import { resolveDownloadUrl } from '../../main/core/models/hf-url.js';
import { fileNameOfUrl, slugify, uniqueId } from '../../main/core/models/model-ids.js';
import { formatBytes, formatDuration } from '../../preload/human-units.js';
import { TransferMeter } from '../../main/core/models/transfer-meter.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let dir: string | undefined;
before(async () => {
  dir = await makeTemp('atelier-dl-helpers-');
});
after(async () => {
  await removeTemp(dir);
});

describe('download addresses', () => {
  test('hf: shorthand becomes a Hugging Face resolve URL, with an optional revision', () => {
    assert.equal(
      resolveDownloadUrl('hf:bartowski/Qwen2.5-0.5B-Instruct-GGUF/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf'),
      'https://huggingface.co/bartowski/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    );
    assert.equal(
      resolveDownloadUrl('hf:rhasspy/piper-voices@v1.0.0/en/en_US/lessac/medium/en_US-lessac-medium.onnx'),
      'https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/en/en_US/lessac/medium/en_US-lessac-medium.onnx',
    );
    assert.throws(
      () => resolveDownloadUrl('hf:just-a-name'),
      (e: any) => e.code === 'INVALID_INPUT',
    );
  });

  test('only https (or plain http to loopback) is accepted', () => {
    assert.equal(resolveDownloadUrl('https://example.org/a.gguf'), 'https://example.org/a.gguf');
    assert.equal(resolveDownloadUrl('http://127.0.0.1:9/a.gguf'), 'http://127.0.0.1:9/a.gguf');
    for (const bad of ['http://example.org/a.gguf', 'ftp://example.org/a.gguf', 'file:///etc/passwd', 'not a url']) {
      assert.throws(
        () => resolveDownloadUrl(bad),
        (e: any) => e.code === 'INVALID_INPUT',
        bad,
      );
    }
  });

  test('ids and file names come out path-safe', () => {
    assert.equal(slugify('Qwen2.5 0.5B Instruct'), 'qwen2.5-0.5b-instruct');
    assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
    assert.equal(slugify('Café crème'), 'cafe-creme');
    assert.equal(slugify('***'), 'model');
    assert.equal(
      uniqueId('poet', (id) => ['poet', 'poet-2'].includes(id)),
      'poet-3',
    );
    assert.equal(fileNameOfUrl('https://x.org/a/b/Model%20One.Q4_K_M.gguf?download=true'), 'Model_One.Q4_K_M.gguf');
    assert.equal(fileNameOfUrl('https://x.org/'), 'model');
  });
});

describe('progress figures', () => {
  test('bytes and durations read the way people say them', () => {
    assert.equal(formatBytes(512), '512 bytes');
    assert.equal(formatBytes(1), '1 byte');
    assert.equal(formatBytes(547_000), '547 kB');
    assert.equal(formatBytes(397_808_192), '398 MB');
    assert.equal(formatBytes(4_683_073_952), '4.7 GB');
    assert.equal(formatDuration(42), '42 s');
    assert.equal(formatDuration(200), '3 min 20 s');
    assert.equal(formatDuration(3900), '1 h 5 min');
  });

  test('speed comes from recent samples and the time left from the speed', () => {
    let now = 0;
    const meter = new TransferMeter(10_000_000, () => now);
    assert.equal(meter.read(0).speed, 0);
    now = 1000;
    const reading = meter.read(2_000_000);
    assert.equal(reading.speed, 2_000_000);
    assert.equal(reading.etaSeconds, 4);
    assert.equal(reading.fraction, 0.2);
    assert.equal(reading.detail, '2.0 MB of 10.0 MB · 2.0 MB/s');
    now = 10_000; // a long pause: old samples leave the window
    meter.read(2_000_000);
    now = 11_000;
    assert.equal(meter.read(3_000_000).speed, 1_000_000);
  });
});

describe('partial downloads', () => {
  test('a partial is resumed only when its sidecar describes the same file', async () => {
    const dest = path.join(dir as string, 'model.gguf');
    const { part, sidecar } = partialPaths(dest);
    assert.ok(isPartialName(path.basename(part)) && isPartialName(path.basename(sidecar)));
    await fs.writeFile(part, Buffer.alloc(100));
    await writeSidecar(dest, { version: 1, url: 'https://x.org/m.gguf', expectedSize: 1000, startedAt: new Date().toISOString() });
    assert.equal((await findResumePoint(dest, { url: 'https://x.org/m.gguf', expectedSize: 1000 })).offset, 100);

    // Another address (or size, or checksum): the bytes are someone else's, so they go.
    assert.equal((await findResumePoint(dest, { url: 'https://x.org/other.gguf', expectedSize: 1000 })).offset, 0);
    assert.equal(await fs.stat(part).catch(() => null), null);
    assert.equal(await fs.stat(sidecar).catch(() => null), null);
  });

  test('a partial without its sidecar, or with a damaged one, starts over', async () => {
    const dest = path.join(dir as string, 'other.gguf');
    const { part, sidecar } = partialPaths(dest);
    await fs.writeFile(part, Buffer.alloc(10));
    assert.equal((await findResumePoint(dest, { url: 'https://x.org/o.gguf' })).offset, 0);
    await fs.writeFile(part, Buffer.alloc(10));
    await fs.writeFile(sidecar, '{ not json');
    assert.equal((await findResumePoint(dest, { url: 'https://x.org/o.gguf' })).offset, 0);
    assert.deepEqual(
      (await fs.readdir(dir as string)).filter((n) => n.startsWith('other')),
      [],
    );
  });
});

describe('free disk space', () => {
  test('reads the volume of a folder that does not exist yet', async () => {
    assert.ok((await freeBytes(path.join(dir as string, 'not', 'yet'))) > 0);
  });

  test('refuses a model that would not fit, naming what it needs', async () => {
    await assert.rejects(
      ensureFreeSpace('/models', 5_000_000_000, 'Qwen2.5 7B', async () => 1_000_000_000),
      (e: any) => e.code === 'TOO_LARGE' && /Qwen2\.5 7B.*5\.0 GB.*1\.0 GB is free/.test(e.message),
    );
    await ensureFreeSpace('/models', 1_000, 'tiny', async () => 10_000_000_000);
  });
});
