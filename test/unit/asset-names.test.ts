import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { safeStem } from '../../main/core/assets/asset-import.js';

describe('asset file names', () => {
  test('a long label keeps its whole seed; the words give way', () => {
    const stem = safeStem('A lighthouse at dusk over a stormy sea with gulls (seed 2781095065).png');
    assert.ok(stem.endsWith('-seed-2781095065'), stem);
    assert.ok(stem.length <= 48, stem);
    assert.match(stem, /^a-lighthouse-at-dusk/);
    assert.equal(safeStem('Title card (seed 42).png'), 'title-card-seed-42');
  });

  test('names without a seed are cut at 48 characters as before', () => {
    assert.equal(safeStem(`${'x'.repeat(60)}.png`), 'x'.repeat(48));
    assert.equal(safeStem('???.png'), 'file');
    assert.equal(safeStem('(seed 7).png'), 'seed-7');
  });
});
