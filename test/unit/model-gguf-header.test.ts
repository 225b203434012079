import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tinyGguf } from '../../models/fixtures/model-headers.js';
import { readGgufHeader } from '../../main/platform/formats/gguf-header.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let dir: string | undefined;
let n = 0;

before(async () => {
  dir = await makeTemp('atelier-gguf-');
});
after(async () => {
  await removeTemp(dir);
});

async function file(bytes: Buffer): Promise<string> {
  const target = path.join(dir as string, `case-${++n}.gguf`);
  await fs.writeFile(target, bytes);
  return target;
}

function u64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return b;
}

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await readGgufHeader(await file(bytes));
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'MODEL_INVALID');
    return (error as Error).message;
  }
  assert.fail('the file was accepted');
}

describe('readGgufHeader', () => {
  test('reads version, counts, architecture and name, skipping arrays', async () => {
    const header = await readGgufHeader(await file(tinyGguf({ name: 'Harbour Writer', architecture: 'qwen2' })));
    assert.equal(header.version, 3);
    assert.equal(header.tensorCount, 1);
    assert.equal(header.kvCount, 4);
    assert.equal(header.architecture, 'qwen2');
    assert.equal(header.name, 'Harbour Writer');
    assert.equal(header.alignment, 32);
    assert.equal(header.dataOffset % 32, 0);
    assert.equal(header.metadata['tokenizer.ggml.tokens'], undefined, 'arrays are not kept');
  });

  test('refuses text that merely has a .gguf name', async () => {
    assert.match(await refusal(Buffer.from('Once upon a time, in a harbour town.\n'.repeat(5))), /magic/);
  });

  test('refuses a file shorter than a header', async () => {
    assert.match(await refusal(Buffer.from('GGUF')), /shorter than a GGUF header/);
  });

  test('refuses version 1 and unknown versions', async () => {
    assert.match(await refusal(tinyGguf({ version: 1 })), /version 1/);
    assert.match(await refusal(tinyGguf({ version: 99 })), /version 99/);
  });

  test('refuses implausible tensor and metadata counts', async () => {
    const good = tinyGguf();
    const manyTensors = Buffer.concat([good.subarray(0, 8), u64(1n << 40n), good.subarray(16)]);
    assert.match(await refusal(manyTensors), /tensors, which is not plausible/);
    const manyKv = Buffer.concat([good.subarray(0, 16), u64(1n << 30n), good.subarray(24)]);
    assert.match(await refusal(manyKv), /metadata entries, which is not plausible/);
  });

  test('refuses a header with zero tensors', async () => {
    const good = tinyGguf();
    const none = Buffer.concat([good.subarray(0, 8), u64(0n), good.subarray(16)]);
    assert.match(await refusal(none), /holds no tensors/);
  });

  test('refuses a file cut inside its metadata', async () => {
    assert.match(await refusal(tinyGguf().subarray(0, 100)), /truncated/);
  });

  test('refuses a file whose tensor data is cut short', async () => {
    const full = tinyGguf({ tensorElements: 256 });
    assert.match(await refusal(full.subarray(0, full.length - 4)), /truncated: its tensors need/);
  });

  test('refuses a file without general.architecture', async () => {
    const noArch = Buffer.from(tinyGguf().toString('latin1').replace('general.architecture', 'general.architectur_'), 'latin1');
    assert.match(await refusal(noArch), /general\.architecture/);
  });
});
