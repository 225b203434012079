import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MaskHistory } from '../../renderer/src/workspace/image/mask/mask-history.js';
import {
  clearMask,
  emptyMask,
  invertMask,
  isMaskEmpty,
  maskCoverage,
  maskToOverlay,
  maskToRgba,
  stamp,
  strokeLine,
  type Brush,
} from '../../renderer/src/workspace/image/mask/mask-model.js';

const hard: Brush = { radius: 4, hardness: 1, mode: 'paint' };
const at = (mask: { width: number; data: Uint8Array }, x: number, y: number) => mask.data[y * mask.width + x];

describe('the inpainting mask', () => {
  test('a hard dab marks the disc fully and nothing outside it', () => {
    const mask = emptyMask(32, 32);
    stamp(mask, { x: 16, y: 16 }, hard);
    assert.equal(at(mask, 16, 16), 255);
    assert.equal(at(mask, 13, 16), 255);
    assert.equal(at(mask, 11, 16), 0);
    assert.equal(at(mask, 16, 21), 0);
    // About π·r² pixels.
    const marked = mask.data.filter((v) => v > 0).length;
    assert.ok(marked > 40 && marked < 60, `marked ${marked}`);
  });

  test('a soft brush fades from the solid core to zero at the radius', () => {
    const mask = emptyMask(64, 64);
    stamp(mask, { x: 32, y: 32 }, { radius: 16, hardness: 0.25, mode: 'paint' });
    const line = [32, 38, 42, 46].map((x) => at(mask, x, 32) ?? 0);
    assert.equal(line[0], 255);
    for (let i = 1; i < line.length; i++) assert.ok(line[i]! < line[i - 1]!, `falls off: ${line.join(', ')}`);
    assert.equal(at(mask, 49, 32), 0);
  });

  test('a dab at the edge is clipped to the picture', () => {
    const mask = emptyMask(8, 8);
    stamp(mask, { x: 0, y: 0 }, { radius: 6, hardness: 1, mode: 'paint' });
    assert.equal(at(mask, 0, 0), 255);
    assert.equal(mask.data.length, 64);
  });

  test('a fast stroke leaves a continuous line, and the eraser takes it away', () => {
    const mask = emptyMask(100, 20);
    strokeLine(mask, { x: 5, y: 10 }, { x: 95, y: 10 }, hard);
    for (let x = 5; x <= 95; x++) assert.equal(at(mask, x, 10), 255, `gap at x=${x}`);
    strokeLine(mask, { x: 40, y: 10 }, { x: 60, y: 10 }, { ...hard, radius: 6, mode: 'erase' });
    for (let x = 40; x <= 60; x++) assert.equal(at(mask, x, 10), 0);
    assert.equal(at(mask, 20, 10), 255);
  });

  test('invert, clear, empty and coverage', () => {
    const mask = emptyMask(10, 10);
    assert.equal(isMaskEmpty(mask), true);
    invertMask(mask);
    assert.equal(maskCoverage(mask), 1);
    assert.equal(isMaskEmpty(mask), false);
    clearMask(mask);
    assert.equal(maskCoverage(mask), 0);
  });

  test('the PNG pixels are white where marked; the overlay is clear where not', () => {
    const mask = emptyMask(2, 1);
    mask.data[1] = 255;
    assert.deepEqual([...maskToRgba(mask)], [0, 0, 0, 255, 255, 255, 255, 255]);
    assert.deepEqual([...maskToOverlay(mask, [255, 0, 0], 0.5)], [0, 0, 0, 0, 255, 0, 0, 128]);
  });

  test('a mask of no size is refused', () => {
    assert.throws(() => emptyMask(0, 10), RangeError);
    assert.throws(() => emptyMask(1.5, 10), RangeError);
  });
});

describe('the mask painter’s undo', () => {
  test('undo and redo step through strokes; a new stroke forgets the redo', () => {
    const mask = emptyMask(20, 20);
    const history = new MaskHistory();
    history.record(mask);
    stamp(mask, { x: 5, y: 5 }, hard);
    history.record(mask);
    stamp(mask, { x: 15, y: 15 }, hard);
    assert.equal(history.undo(mask), true);
    assert.equal(at(mask, 15, 15), 0);
    assert.equal(at(mask, 5, 5), 255);
    assert.equal(history.undo(mask), true);
    assert.equal(isMaskEmpty(mask), true);
    assert.equal(history.undo(mask), false);
    assert.equal(history.redo(mask), true);
    assert.equal(at(mask, 5, 5), 255);
    history.record(mask);
    invertMask(mask);
    assert.equal(history.canRedo, false);
  });

  test('keeps only the newest steps', () => {
    const mask = emptyMask(4, 4);
    const history = new MaskHistory(3);
    for (let i = 0; i < 5; i++) {
      history.record(mask);
      mask.data[i] = 255;
    }
    let undone = 0;
    while (history.undo(mask)) undone++;
    assert.equal(undone, 3);
    // The two oldest strokes can no longer be undone.
    assert.equal(at(mask, 0, 0), 255);
    assert.equal(at(mask, 1, 0), 255);
    assert.equal(at(mask, 2, 0), 0);
  });
});
