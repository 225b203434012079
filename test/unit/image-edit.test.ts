import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { editImage } from '../../main/engines/image/edit/image-edit.js';
import { proceduralEngine } from '../../main/engines/image/procedural/procedural-engine.js';
import { ImageEditRequestSchema, type ImageEditOp } from '../../preload/contract.js';

const source = (
  await proceduralEngine.generate({ template: 'pattern', prompt: 'ocean', width: 400, height: 300, seed: 5 }, new AbortController().signal, () => undefined)
).png;
const ops = (raw: unknown[]): ImageEditOp[] => ImageEditRequestSchema.parse({ assetId: 'x', ops: raw }).ops;

async function facts(bytes: Uint8Array) {
  const meta = await sharp(Buffer.from(bytes)).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
}

describe('image edits with sharp', () => {
  test('resize, crop, rotate and upscale give the expected sizes', async () => {
    assert.deepEqual(await facts((await editImage(source, ops([{ op: 'resize', width: 200, height: 200 }]), 'png', 90)).bytes), {
      format: 'png',
      width: 200,
      height: 200,
    });
    assert.deepEqual(await facts((await editImage(source, ops([{ op: 'resize', width: 200, height: 200, fit: 'inside' }]), 'png', 90)).bytes), {
      format: 'png',
      width: 200,
      height: 150,
    });
    assert.deepEqual(await facts((await editImage(source, ops([{ op: 'crop', left: 10, top: 20, width: 100, height: 50 }]), 'png', 90)).bytes), {
      format: 'png',
      width: 100,
      height: 50,
    });
    assert.deepEqual(await facts((await editImage(source, ops([{ op: 'rotate', degrees: 90 }]), 'png', 90)).bytes), { format: 'png', width: 300, height: 400 });
    assert.deepEqual(await facts((await editImage(source, ops([{ op: 'upscale', factor: 2 }]), 'png', 90)).bytes), { format: 'png', width: 800, height: 600 });
  });

  test('ops apply in the order given', async () => {
    const cropThenUpscale = await editImage(
      source,
      ops([
        { op: 'crop', left: 0, top: 0, width: 100, height: 100 },
        { op: 'upscale', factor: 3 },
      ]),
      'png',
      90,
    );
    assert.deepEqual([cropThenUpscale.width, cropThenUpscale.height], [300, 300]);
  });

  test('every output format is what it says', async () => {
    for (const [format, expected, mime] of [
      ['png', 'png', 'image/png'],
      ['jpeg', 'jpeg', 'image/jpeg'],
      ['webp', 'webp', 'image/webp'],
      ['avif', 'heif', 'image/avif'],
    ] as const) {
      const out = await editImage(source, [], format, 80);
      assert.equal((await facts(out.bytes)).format, expected, format);
      assert.equal(out.mime, mime);
    }
  });

  test('adjustments change the pixels; text overlay keeps the size', async () => {
    const mean = async (bytes: Uint8Array) => (await sharp(Buffer.from(bytes)).stats()).channels.slice(0, 3).reduce((s, c) => s + c.mean, 0) / 3;
    const brighter = await editImage(source, ops([{ op: 'adjust', brightness: 1.5 }]), 'png', 90);
    assert.ok((await mean(brighter.bytes)) > (await mean(source)) + 10);
    const grey = await editImage(source, ops([{ op: 'adjust', saturation: 0 }]), 'png', 90);
    const [r, g, b] = (await sharp(Buffer.from(grey.bytes)).stats()).channels;
    assert.ok(Math.abs((r?.mean ?? 0) - (b?.mean ?? 0)) < 2 && Math.abs((g?.mean ?? 0) - (b?.mean ?? 0)) < 2, 'saturation 0 is grey');
    const titled = await editImage(source, ops([{ op: 'text', text: 'Episode 3', position: 'bottom' }]), 'png', 90);
    assert.deepEqual([titled.width, titled.height], [400, 300]);
    assert.ok(!Buffer.from(titled.bytes).equals(Buffer.from((await editImage(source, [], 'png', 90)).bytes)));
  });

  test('a crop outside the picture, an upscale past 4096 and an unreadable file are typed errors', async () => {
    await assert.rejects(editImage(source, ops([{ op: 'crop', left: 350, top: 0, width: 100, height: 10 }]), 'png', 90), { code: 'INVALID_INPUT' });
    const wide = (
      await proceduralEngine.generate({ template: 'gradient', prompt: '', width: 2100, height: 64, seed: 1 }, new AbortController().signal, () => undefined)
    ).png;
    await assert.rejects(editImage(wide, ops([{ op: 'upscale', factor: 2 }]), 'png', 90), { code: 'TOO_LARGE' });
    await assert.rejects(editImage(new TextEncoder().encode('not a picture'), [], 'png', 90), { code: 'UNSUPPORTED' });
  });
});
