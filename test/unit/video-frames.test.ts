import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { WORK_PNG, fittedPicture } from '../../main/core/export/video-frames.js';

let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-frames-'));
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A flat picture of `width`×`height` with a white square in its middle, as a PNG file. */
async function picture(width: number, height: number): Promise<string> {
  const file = path.join(dir, `${width}x${height}.png`);
  const side = Math.max(1, Math.round(Math.min(width, height) / 2));
  await sharp({ create: { width, height, channels: 3, background: '#204080' } })
    .composite([{ input: { create: { width: side, height: side, channels: 3, background: '#ffffff' } }, gravity: 'center' }])
    .png()
    .toFile(file);
  return file;
}

async function fitted(file: string, focus?: { x: number; y: number }): Promise<{ width: number; height: number }> {
  const meta = await sharp(await fittedPicture(file, 1280, 720, focus, WORK_PNG)).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0 };
}

test('a picture smaller than the frame is fitted at its own scale, on a canvas of the frame’s shape', async () => {
  // 800×600 sits whole (600 high) over its fill: the canvas is 600 high and 16:9.
  assert.deepEqual(await fitted(await picture(800, 600)), { width: 1067, height: 600 });
  // Of the frame's shape and smaller: itself, no fill.
  assert.deepEqual(await fitted(await picture(640, 360)), { width: 640, height: 360 });
  // A focus point crops the frame's shape out of it at its own scale.
  assert.deepEqual(await fitted(await picture(400, 400), { x: 0.9, y: 0.1 }), { width: 400, height: 225 });
});

test('a picture larger than the frame is fitted at the frame’s size', async () => {
  assert.deepEqual(await fitted(await picture(4000, 3000)), { width: 1280, height: 720 });
  assert.deepEqual(await fitted(await picture(3000, 1000), { x: 0, y: 0.5 }), { width: 1280, height: 720 });
});

test('a tiny picture gets a canvas of a quarter of the frame, so rounding does not stretch it', async () => {
  for (const [width, height] of [
    [1, 1],
    [3, 3],
    [16, 16],
  ] as const) {
    assert.deepEqual(await fitted(await picture(width, height)), { width: 320, height: 180 }, `${width}×${height}`);
  }
});

test('the picture keeps its shape: the white square stays square on the canvas', async () => {
  const out = await fittedPicture(await picture(300, 200), 1280, 720, undefined, WORK_PNG);
  const { data, info } = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let minX = info.width;
  let maxX = -1;
  let minY = info.height;
  let maxY = -1;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      if ((data[i] as number) > 240 && (data[i + 1] as number) > 240 && (data[i + 2] as number) > 240) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  assert.equal(maxX - minX, maxY - minY, 'as wide as it is high');
  assert.equal(maxY - minY + 1, 100, 'at its own scale: 100 pixels of the 200-high picture');
  assert.deepEqual([info.width, info.height], [356, 200]);
});
