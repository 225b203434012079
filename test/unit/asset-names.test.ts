import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { safeStem } from '../../main/core/assets/asset-import.js';
import { readableSlug, uniqueName } from '../../main/core/assets/readable-name.js';

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

describe('readable asset names', () => {
  test('words become a slug people can type: accents folded, punctuation gone, cut between words', () => {
    assert.equal(readableSlug('The Harbour at Midnight!', 'image'), 'the-harbour-at-midnight');
    assert.equal(readableSlug('Café « Crème », 2 a.m.', 'image'), 'cafe-creme-2-a-m');
    assert.equal(readableSlug('  ?!  ', 'image'), 'image');
    const long = readableSlug('a lighthouse at dusk over a stormy sea with gulls circling the lamp', 'image');
    assert.ok(long.length <= 48, long);
    assert.equal(long, 'a-lighthouse-at-dusk-over-a-stormy-sea-with');
  });

  test('a suffix only where the name is taken (compared without case)', () => {
    assert.equal(uniqueName('harbour.png', ['dawn.png']), 'harbour.png');
    assert.equal(uniqueName('harbour.png', ['Harbour.png']), 'harbour-2.png');
    assert.equal(uniqueName('harbour.png', ['harbour.png', 'harbour-2.png', 'harbour-3.png']), 'harbour-4.png');
    assert.equal(uniqueName('notes', ['notes']), 'notes-2');
  });
});
