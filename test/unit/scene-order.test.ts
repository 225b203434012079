import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyboardMoveTarget, moveTarget } from '../../renderer/src/workspace/project/storyboard/scene-order.js';

/** Applies a move the way main does: take the scene out, put it back at toIndex. */
function applyMove<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

test('a dragged scene lands before or after the card it is dropped on', () => {
  const scenes = ['a', 'b', 'c', 'd'];
  const drop = (from: number, over: number, side: 'before' | 'after') => {
    const to = moveTarget(from, over, side);
    return to === null ? null : applyMove(scenes, from, to).join('');
  };
  assert.equal(drop(3, 0, 'before'), 'dabc');
  assert.equal(drop(0, 3, 'after'), 'bcda');
  assert.equal(drop(0, 2, 'before'), 'bacd');
  assert.equal(drop(0, 2, 'after'), 'bcad');
  assert.equal(drop(2, 1, 'after'), null, 'already right after b');
  assert.equal(drop(1, 1, 'before'), null, 'dropped on itself');
  assert.equal(drop(1, 2, 'before'), null, 'already right before c');
});

test('Alt+arrows move one step and stop at the ends', () => {
  assert.equal(keyboardMoveTarget(0, 3, -1), null);
  assert.equal(keyboardMoveTarget(0, 3, 1), 1);
  assert.equal(keyboardMoveTarget(2, 3, 1), null);
  assert.equal(keyboardMoveTarget(2, 3, -1), 1);
});
