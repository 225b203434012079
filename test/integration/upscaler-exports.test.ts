import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { DEFAULT_TILING, upscalePass } from '../../main/engines/image/upscale/upscale-image.js';
import { loadUpscaler, tileRunner, tilingFor, type UpscalerModel } from '../../main/engines/image/upscale/upscaler-model.js';
import { encodeOnnxModel } from '../../models/fixtures/onnx-writer.js';
import { tinyUpscalerGraph, type UpscalerVariant } from '../../models/fixtures/tiny-upscaler.js';

/**
 * The catalog's upscalers are real exports, and real exports differ from the default
 * fixture: Qualcomm's names its tensors "image"/"upscaled_image" and takes 128×128 only;
 * the ×2 Real-ESRGAN folds 2×2 blocks first (pixel unshuffle) and refuses an odd side. The
 * fixture graph is made in each of those shapes here and run through the engine's own path.
 */
let dir = '';
const opened: UpscalerModel[] = [];

async function model(name: string, scale: 2 | 4, variant: UpscalerVariant = {}): Promise<UpscalerModel> {
  const file = path.join(dir, `${name}.onnx`);
  await fs.writeFile(file, encodeOnnxModel(tinyUpscalerGraph(scale, variant)));
  const loaded = await loadUpscaler(file);
  opened.push(loaded);
  return loaded;
}

/** A busy picture (gradients and stripes), so any difference shows. */
function picture(width: number, height: number): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      data[at] = (x * 5) % 256;
      data[at + 1] = (y * 7) % 256;
      data[at + 2] = ((x + y) % 9) * 28;
    }
  return { data, width, height };
}

/** Largest difference between two RGB pictures of `width` over the region x < right, y < bottom. */
function diffWithin(a: Uint8Array, b: Uint8Array, width: number, right: number, bottom: number): number {
  let worst = 0;
  for (let y = 0; y < bottom; y += 1)
    for (let x = 0; x < right * 3; x += 1) worst = Math.max(worst, Math.abs((a[y * width * 3 + x] as number) - (b[y * width * 3 + x] as number)));
  return worst;
}

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-upscaler-exports-'));
});
after(async () => {
  for (const m of opened) await m.session.release();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('real upscaler exports through the engine', () => {
  test('a static export with Qualcomm’s tensor names: its names and size are read, tiles are cut to that size, the answer matches a free-size graph', async () => {
    const fixed = await model('static-x4', 4, { input: 'image', output: 'upscaled_image', size: 32 });
    const free = await model('free-x4', 4);
    assert.deepEqual([fixed.input, fixed.output, fixed.half, fixed.fixed], ['image', 'upscaled_image', false, { width: 32, height: 32 }]);
    assert.equal(free.fixed, null);
    const tiling = tilingFor(fixed, DEFAULT_TILING);
    assert.deepEqual(tiling, { tile: 32, overlap: 8 });
    assert.deepEqual(tilingFor(free, DEFAULT_TILING), DEFAULT_TILING);

    // Every tile of a 100×70 picture is a whole 32×32 one: both graphs compute the same thing.
    const pixels = picture(100, 70);
    const a = await upscalePass(pixels, tileRunner(fixed), tiling);
    const b = await upscalePass(pixels, tileRunner(free), tiling);
    assert.deepEqual([a.width, a.height, a.scale], [400, 280, 4]);
    assert.deepEqual(a.data, b.data);

    // A picture smaller than the one size is padded up to it, and only its far edges can differ
    // (repeated pixels rather than zero padding beyond the picture).
    const small = picture(20, 12);
    const c = await upscalePass(small, tileRunner(fixed), tiling);
    const d = await upscalePass(small, tileRunner(free), tiling);
    assert.deepEqual([c.width, c.height], [80, 48]);
    const inside = diffWithin(c.data, d.data, 80, 80 - 12, 48 - 12);
    assert.ok(inside <= 1, `away from the padded edges the two differ by ${inside}`);
  });

  test('a tile larger than a static export’s size is refused with a typed error, not an ONNX Runtime crash', async () => {
    const fixed = await model('static-x2', 2, { size: 32 });
    const tile = { rgb: new Float32Array(3 * 40 * 40), width: 40, height: 40 };
    await assert.rejects(tileRunner(fixed)(tile), { code: 'MODEL_UNSUPPORTED' });
  });

  test('a ×2 graph with pixel unshuffle takes odd-sided pictures: tiles are grown to even sides and the answer cropped back', async () => {
    const folded = await model('unshuffle-x2', 2, { pixelUnshuffle: true });
    const plain = await model('plain-x2', 2);
    // The graph itself refuses an odd side; that is what the padding is for.
    const odd = new ort.Tensor('float32', new Float32Array(3 * 13 * 21), [1, 3, 13, 21]);
    await assert.rejects(folded.session.run({ [folded.input]: odd }));
    const pixels = picture(21, 13);
    const a = await upscalePass(pixels, tileRunner(folded), DEFAULT_TILING);
    const b = await upscalePass(pixels, tileRunner(plain), DEFAULT_TILING);
    assert.deepEqual([a.width, a.height, a.scale], [42, 26, 2]);
    const inside = diffWithin(a.data, b.data, 42, 42 - 6, 26 - 6);
    assert.ok(inside <= 1, `away from the padded edges the two differ by ${inside}`);
    // Even sides need no padding: the same answer as the graph without the fold, to the byte.
    const even = picture(40, 24);
    assert.deepEqual((await upscalePass(even, tileRunner(folded), DEFAULT_TILING)).data, (await upscalePass(even, tileRunner(plain), DEFAULT_TILING)).data);
  });
});
