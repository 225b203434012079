import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMAGE_LINK_LIFETIME_MS, ImageLinks } from '../../main/hosts/web/openai/image-links.js';

// The /v1 image links are capabilities: random 128-bit ids that stop working after their lifetime.
test('image links are 128-bit random ids, distinct each time', () => {
  const links = new ImageLinks();
  const ids = new Set(Array.from({ length: 50 }, () => links.add(new Uint8Array([1]))));
  assert.equal(ids.size, 50);
  for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
});

test('an image link answers until its lifetime is over, then never again', () => {
  let now = 1_000_000;
  const links = new ImageLinks(() => now);
  const png = new Uint8Array([137, 80, 78, 71]);
  const id = links.add(png);
  now += IMAGE_LINK_LIFETIME_MS - 1;
  assert.deepEqual(links.get(id), png);
  now += 1;
  assert.equal(links.get(id), undefined);
  now -= 10;
  assert.equal(links.get(id), undefined, 'an expired link is gone, not hidden');
});

test('only the newest 64 links are kept', () => {
  const links = new ImageLinks();
  const first = links.add(new Uint8Array([0]));
  for (let i = 0; i < 64; i++) links.add(new Uint8Array([i]));
  assert.equal(links.get(first), undefined);
});
