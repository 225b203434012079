import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset, Scene } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { STORYBOARD_LIMITS, StoryboardEditSchema, type StoryboardEdit } from '../../preload/schemas/storyboard.js';
import { applyStoryboardEdit, typingKey } from '../../main/core/storyboard/storyboard-edits.js';

function asset(id: string, kind: Asset['kind']): Asset {
  return {
    id,
    kind,
    name: `${id}.${kind === 'image' ? 'png' : 'wav'}`,
    file: `assets/${id}`,
    mime: 'x/y',
    size: 1,
    createdAt: new Date(0).toISOString(),
    origin: { engine: 'test' },
  };
}

const assets: Record<string, Asset> = { pic: asset('pic', 'image'), voice: asset('voice', 'audio'), note: asset('note', 'text') };
const scenes: Scene[] = [
  { id: 'a', title: 'A', text: 'one' },
  { id: 'b', title: 'B', text: 'two', imageAssetId: 'pic' },
  { id: 'c', title: 'C', text: 'three' },
];

let counter = 0;
const ids = () => `new${(counter += 1)}`;
const apply = (edit: StoryboardEdit, from: Scene[] = scenes) => applyStoryboardEdit(from, StoryboardEditSchema.parse(edit), assets, ids);
const order = (list: Scene[]) => list.map((s) => s.id).join('');

function rejects(edit: StoryboardEdit, code: string, message: RegExp): void {
  assert.throws(
    () => apply(edit),
    (error: unknown) => error instanceof AtelierError && error.code === code && message.test(error.message),
  );
}

describe('storyboard edits', () => {
  test('add puts an empty scene at the end, or at an index (clamped)', () => {
    counter = 0;
    const end = apply({ op: 'add' });
    assert.equal(order(end), 'abcnew1');
    assert.deepEqual(end[3], { id: 'new1', title: '', text: '' });
    assert.equal(order(apply({ op: 'add', index: 0, title: 'First' })), 'new2abc');
    assert.equal(order(apply({ op: 'add', index: 99 })), 'abcnew3');
    assert.equal(apply({ op: 'add', index: 1, title: 'T', text: 'x' })[1]?.title, 'T');
  });

  test('duplicate copies a scene, its assets included, right after it', () => {
    counter = 10;
    const out = apply({ op: 'duplicate', sceneId: 'b' });
    assert.equal(order(out), 'abnew11c');
    assert.deepEqual(out[2], { ...scenes[1], id: 'new11' });
  });

  test('delete and move', () => {
    assert.equal(order(apply({ op: 'delete', sceneId: 'b' })), 'ac');
    assert.equal(order(apply({ op: 'move', sceneId: 'a', toIndex: 2 })), 'bca');
    assert.equal(order(apply({ op: 'move', sceneId: 'c', toIndex: 0 })), 'cab');
    assert.equal(order(apply({ op: 'move', sceneId: 'a', toIndex: 40 })), 'bca', 'past the end means last');
    assert.equal(order(apply({ op: 'move', sceneId: 'b', toIndex: 1 })), 'abc');
  });

  test('update changes text and title, attaches assets of the right kind and detaches with null', () => {
    const out = apply({
      op: 'update',
      sceneId: 'a',
      changes: { title: 'Dawn', text: 'Light.', imageAssetId: 'pic', narrationAssetId: 'voice', bedAssetId: 'voice' },
    });
    assert.deepEqual(out[0], { id: 'a', title: 'Dawn', text: 'Light.', imageAssetId: 'pic', narrationAssetId: 'voice', bedAssetId: 'voice' });
    const detached = apply({ op: 'update', sceneId: 'b', changes: { imageAssetId: null } });
    assert.equal('imageAssetId' in (detached[1] as Scene), false);
    assert.deepEqual(scenes[1], { id: 'b', title: 'B', text: 'two', imageAssetId: 'pic' }, 'the input is not changed');
  });

  test('typed errors: unknown scene, missing asset, wrong kind, a full storyboard', () => {
    rejects({ op: 'delete', sceneId: 'zz' }, 'NOT_FOUND', /No scene zz/);
    rejects({ op: 'move', sceneId: 'zz', toIndex: 0 }, 'NOT_FOUND', /No scene/);
    rejects({ op: 'duplicate', sceneId: 'zz' }, 'NOT_FOUND', /No scene/);
    rejects({ op: 'update', sceneId: 'zz', changes: { title: 'x' } }, 'NOT_FOUND', /No scene/);
    rejects({ op: 'update', sceneId: 'a', changes: { imageAssetId: 'ghost' } }, 'NOT_FOUND', /No asset ghost/);
    rejects({ op: 'update', sceneId: 'a', changes: { imageAssetId: 'voice' } }, 'INVALID_INPUT', /picture must be an image/);
    rejects({ op: 'update', sceneId: 'a', changes: { narrationAssetId: 'pic' } }, 'INVALID_INPUT', /narration must be audio/);
    rejects({ op: 'update', sceneId: 'a', changes: { bedAssetId: 'note' } }, 'INVALID_INPUT', /sound bed must be audio/);
    // An inherited name is not an asset of the project.
    rejects({ op: 'update', sceneId: 'a', changes: { imageAssetId: 'toString' } }, 'NOT_FOUND', /No asset/);
    const full = Array.from({ length: STORYBOARD_LIMITS.scenes }, (_, i) => ({ id: `s${i}`, title: '', text: '' }));
    assert.throws(
      () => apply({ op: 'add' }, full),
      (e: unknown) => e instanceof AtelierError && e.code === 'TOO_LARGE',
    );
    assert.throws(
      () => apply({ op: 'duplicate', sceneId: 's1' }, full),
      (e: unknown) => e instanceof AtelierError && e.code === 'TOO_LARGE',
    );
  });

  test('typing keys: one text field of one scene, nothing else', () => {
    assert.equal(typingKey({ op: 'update', sceneId: 'a', changes: { text: 'x' } }), 'a:text');
    assert.equal(typingKey({ op: 'update', sceneId: 'a', changes: { title: 'x' } }), 'a:title');
    assert.equal(typingKey({ op: 'update', sceneId: 'a', changes: { title: 'x', text: 'y' } }), undefined);
    assert.equal(typingKey({ op: 'update', sceneId: 'a', changes: { imageAssetId: 'pic' } }), undefined);
    assert.equal(typingKey({ op: 'delete', sceneId: 'a' }), undefined);
  });
});
