import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blendRgba, fillRoundedRect } from '../../main/engines/image/procedural/raw-region.js';
import { rasteriseTriangles } from '../../main/engines/image/procedural/templates/pattern-triangles.js';

const pixel = (pixels: Buffer, width: number, x: number, y: number) => [...pixels.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];

test('triangle tiles: each half in its colour, the diagonal blended, the dot on top, every pixel written', () => {
  const cells = [
    { first: '#ff0000', second: '#0000ff', antiDiagonal: true, dot: false },
    { first: '#00ff00', second: '#000000', antiDiagonal: false, dot: true },
  ];
  const out = rasteriseTriangles({ width: 40, height: 20, cell: 20, cols: 2, cells, dotColour: '#ffffff' });
  assert.equal(out.length, 40 * 20 * 3);
  // Cell 0, split along the anti-diagonal: top-left is the first colour, bottom-right the second.
  assert.deepEqual(pixel(out, 40, 2, 2), [255, 0, 0]);
  assert.deepEqual(pixel(out, 40, 17, 17), [0, 0, 255]);
  // On the diagonal (x + y + 1 = 20 through pixel centres) the two colours meet half and half.
  const [r, , b] = pixel(out, 40, 9, 10) as [number, number, number];
  assert.ok(r > 60 && r < 200 && b > 60 && b < 200, `diagonal pixel ${r},${b} is a blend`);
  // Cell 1, split along the main diagonal: top-right first (green), bottom-left second (black); the dot is white.
  assert.deepEqual(pixel(out, 40, 38, 1), [0, 255, 0]);
  assert.deepEqual(pixel(out, 40, 21, 18), [0, 0, 0]);
  assert.deepEqual(pixel(out, 40, 30, 10), [255, 255, 255]);
});

test('the panel is blended at its opacity with rounded corners, and type is laid over it by its alpha', () => {
  const picture = { pixels: Buffer.alloc(30 * 30 * 3, 0), width: 30, height: 30 };
  fillRoundedRect(picture, { left: 5, top: 5, width: 20, height: 20, radius: 6 }, [200, 100, 0], 0.5);
  assert.deepEqual(pixel(picture.pixels, 30, 15, 15), [100, 50, 0]);
  assert.deepEqual(pixel(picture.pixels, 30, 5, 5), [0, 0, 0], 'the very corner lies outside the rounding');
  assert.deepEqual(pixel(picture.pixels, 30, 2, 15), [0, 0, 0], 'outside the rectangle nothing changes');
  const type = Buffer.from([255, 255, 255, 255, 255, 255, 255, 0]);
  blendRgba(picture, { pixels: type, width: 2, height: 1 }, 14, 15);
  assert.deepEqual(pixel(picture.pixels, 30, 14, 15), [255, 255, 255]);
  assert.deepEqual(pixel(picture.pixels, 30, 15, 15), [100, 50, 0], 'a transparent pixel of type leaves the panel');
  // Type hanging over the picture's edge is clipped, not wrapped onto the next row.
  blendRgba(picture, { pixels: type, width: 2, height: 1 }, 29, 0);
  assert.deepEqual(pixel(picture.pixels, 30, 29, 0), [255, 255, 255]);
  assert.deepEqual(pixel(picture.pixels, 30, 0, 1), [0, 0, 0]);
});
