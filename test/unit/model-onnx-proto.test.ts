import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tinyOnnx } from '../../models/fixtures/model-headers.js';
import { readOnnxModel } from '../../main/platform/formats/onnx-proto.js';
import { encodeOnnxModel } from '../../models/fixtures/onnx-writer.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let dir: string | undefined;
let n = 0;

before(async () => {
  dir = await makeTemp('atelier-onnx-');
});
after(async () => {
  await removeTemp(dir);
});

async function file(bytes: Buffer): Promise<string> {
  const target = path.join(dir as string, `case-${++n}.onnx`);
  await fs.writeFile(target, bytes);
  return target;
}

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await readOnnxModel(await file(bytes));
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'MODEL_INVALID');
    return (error as Error).message;
  }
  assert.fail('the file was accepted');
}

describe('readOnnxModel', () => {
  test('reads ir_version, opset, graph name, inputs and outputs', async () => {
    const info = await readOnnxModel(await file(tinyOnnx({ graphName: 'vits', inputs: ['input', 'input_lengths', 'scales'], outputs: ['output'] })));
    assert.deepEqual(info, {
      irVersion: 8,
      producerName: 'atelier-fixture',
      opsetVersion: 17,
      graphName: 'vits',
      inputs: ['input', 'input_lengths', 'scales'],
      outputs: ['output'],
      inputRanks: [-1, -1, -1],
      outputRanks: [-1],
      metadata: {},
    });
  });

  test('reads metadata_props as plain keys, "__proto__" included, the first of a repeated key winning', async () => {
    const graph = {
      name: 'meta',
      inputs: [{ name: 'x', type: 'float' as const, shape: [1] }],
      outputs: [{ name: 'y', type: 'float' as const, shape: [1] }],
      initializers: [],
      nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
      metadata: Object.fromEntries([
        ['n_mels', '80'],
        ['__proto__', 'polluted'],
        ['all_language_codes', 'en,de'],
      ]),
    };
    const info = await readOnnxModel(await file(Buffer.from(encodeOnnxModel(graph))));
    assert.equal(info.metadata['n_mels'], '80');
    assert.equal(info.metadata['all_language_codes'], 'en,de');
    assert.ok(Object.hasOwn(info.metadata, '__proto__'));
    assert.equal(Object.getPrototypeOf(info.metadata), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  test('reads each input and output rank from its tensor shape (the upscaler fixture is [1,3,h,w] both ways)', async () => {
    const fixture = (await ensureFixtures({ only: ['tiny-upscaler-x4'] }))['tiny-upscaler-x4'] as string;
    const info = await readOnnxModel(fixture);
    assert.deepEqual([info.inputs, info.outputs, info.inputRanks, info.outputRanks], [['input'], ['output'], [4], [4]]);
  });

  test('refuses random bytes', async () => {
    // Fixed seeds of noise, so a failure here can be replayed.
    for (const seed of [1, 2, 3]) {
      const noise = Buffer.alloc(32 * 1024);
      let x = seed * 2654435761;
      for (let i = 0; i < noise.length; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        noise[i] = x >>> 24;
      }
      await refusal(noise);
    }
    await refusal(randomBytes(16 * 1024));
  });

  test('refuses a text file', async () => {
    await refusal(Buffer.from('{"not": "a model"}\n'.repeat(20)));
    await refusal(Buffer.from('hello world, this is plain text\n'));
  });

  test('refuses a model cut short', async () => {
    const whole = tinyOnnx();
    assert.match(await refusal(whole.subarray(0, whole.length - 5)), /truncated/);
  });

  test('refuses protobuf without a graph or an ir_version', async () => {
    const irOnly = Buffer.from([0x08, 0x08, 0x12, 0x03, 0x61, 0x62, 0x63]); // ir_version 8, producer "abc"
    assert.match(await refusal(Buffer.concat([irOnly, Buffer.from([0x12, 0x01, 0x61])])), /no graph/);
    const graphOnly = Buffer.from([0x3a, 0x03, 0x12, 0x01, 0x67, 0x12, 0x01, 0x61]); // graph { name "g" }, producer "a"
    assert.match(await refusal(graphOnly), /no ir_version/);
  });

  test('refuses wire types ONNX never writes', async () => {
    assert.match(await refusal(Buffer.from([0x0b, 0x08, 0x08, 0x0c, 0x00, 0x00, 0x00, 0x00])), /wire type 3/);
  });
});
