import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { stripWidths } from '../../renderer/src/workspace/project/storyboard/strip-widths.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the overview strip’s block widths (laid out in script, as the virtualized strip needs)', () => {
  test('room is shared by how long each scene plays', () => {
    const widths = stripWidths([4, 12], 804, 96, 4);
    assert.deepEqual(widths, [200, 600]);
  });

  test('a block too narrow for its share is held at the minimum, and the others share what is left', () => {
    // 1 s of 101 s in 1000 px would be about 10 px: held at 96, the 100 s scene takes the rest.
    const widths = stripWidths([1, 100], 1004, 96, 4);
    assert.deepEqual(widths, [96, 904]);
  });

  test('more scenes than fit: every block is the minimum, wider for longer scenes only when its share allows', () => {
    const widths = stripWidths(
      Array.from({ length: 500 }, () => 4),
      1200,
      96,
      4,
    );
    assert.equal(widths.length, 500);
    assert.ok(widths.every((w) => w === 96));
  });

  test('no scenes, zero-length scenes and no room yet', () => {
    assert.deepEqual(stripWidths([], 800, 96, 4), []);
    assert.deepEqual(stripWidths([0, 0], 800, 96, 4), [96, 96]);
    assert.deepEqual(stripWidths([3, 5], 0, 96, 4), [96, 96]);
  });

  test('never below the minimum, ordered as the lengths are, and filling the room whenever the minimums fit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 600, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 4000 }),
        (lengths, room) => {
          const widths = stripWidths(lengths, room, 96, 4);
          assert.equal(widths.length, lengths.length);
          assert.ok(widths.every((w) => w >= 96));
          for (let i = 0; i < lengths.length; i += 1)
            for (let j = 0; j < lengths.length; j += 1)
              if ((lengths[i] as number) < (lengths[j] as number)) assert.ok((widths[i] as number) <= (widths[j] as number) + 1e-9);
          const free = room - 4 * (lengths.length - 1);
          if (free >= 96 * lengths.length) assert.ok(Math.abs(sum(widths) - free) < 1e-6, `${sum(widths)} fills ${free}`);
          else assert.ok(widths.every((w) => w === 96));
        },
      ),
    );
  });
});
