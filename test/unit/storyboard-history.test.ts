import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset, Scene } from '../../preload/contract.js';
import type { StoryboardEdit } from '../../preload/schemas/storyboard.js';
import { applyStoryboardEdit, typingKey } from '../../main/core/storyboard/storyboard-edits.js';
import { keepJobChanges, StoryboardHistory, TYPING_COALESCE_MS } from '../../main/core/storyboard/storyboard-history.js';

function asset(id: string, kind: Asset['kind']): Asset {
  return { id, kind, name: id, file: `assets/${id}`, mime: 'x/y', size: 1, createdAt: new Date(0).toISOString(), origin: { engine: 'test' } };
}
const assets: Record<string, Asset> = { pic: asset('pic', 'image'), pic2: asset('pic2', 'image'), voice: asset('voice', 'audio') };

/** A storyboard as the editor drives it: edits are recorded, jobs change scenes without a step. */
class Board {
  scenes: Scene[] = [];
  clock = 1_000;
  private next = 0;
  constructor(readonly history = new StoryboardHistory('p', 200)) {}

  edit(edit: StoryboardEdit, advanceMs = 10): void {
    this.clock += advanceMs;
    const before = this.scenes;
    this.scenes = applyStoryboardEdit(before, edit, assets, () => `s${(this.next += 1)}`);
    this.history.record(before, this.scenes, typingKey(edit), this.clock);
  }

  job(sceneId: string, change: Partial<Scene>): void {
    this.scenes = this.scenes.map((s) => (s.id === sceneId ? { ...s, ...change } : s));
  }

  undo(): boolean {
    const move = this.history.planUndo(this.scenes);
    if (!move) return false;
    this.scenes = move.scenes;
    move.commit();
    return true;
  }

  redo(): boolean {
    const move = this.history.planRedo(this.scenes);
    if (!move) return false;
    this.scenes = move.scenes;
    move.commit();
    return true;
  }

  get titles(): string {
    return this.scenes.map((s) => s.title || '_').join(',');
  }
}

describe('storyboard undo and redo', () => {
  test('each edit is one step; undo walks back, redo forward; nothing to undo answers false', () => {
    const board = new Board();
    assert.equal(board.undo(), false);
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'add', title: 'B' });
    board.edit({ op: 'move', sceneId: 's2', toIndex: 0 });
    board.edit({ op: 'update', sceneId: 's1', changes: { imageAssetId: 'pic' } });
    assert.equal(board.titles, 'B,A');
    assert.equal(board.undo(), true);
    assert.equal(board.scenes[1]?.imageAssetId, undefined);
    board.undo();
    assert.equal(board.titles, 'A,B');
    board.undo();
    board.undo();
    assert.equal(board.titles, '');
    assert.equal(board.history.canUndo, false);
    assert.equal(board.undo(), false);
    board.redo();
    board.redo();
    board.redo();
    board.redo();
    assert.equal(board.titles, 'B,A');
    assert.equal(board.scenes[1]?.imageAssetId, 'pic');
    assert.equal(board.redo(), false);
  });

  test('an edit after undo clears the redo stack', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'add', title: 'B' });
    board.undo();
    assert.equal(board.history.canRedo, true);
    board.edit({ op: 'add', title: 'C' });
    assert.equal(board.history.canRedo, false);
    assert.equal(board.redo(), false);
    assert.equal(board.titles, 'A,C');
  });

  test('typing in one field of one scene coalesces within the window, and not across fields, scenes or pauses', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'add', title: 'B' });
    for (const text of ['H', 'He', 'Hel', 'Hell', 'Hello']) board.edit({ op: 'update', sceneId: 's1', changes: { text } }, 400);
    assert.equal(board.history.depth, 3, 'five keystrokes, one step');
    board.edit({ op: 'update', sceneId: 's1', changes: { title: 'Dawn' } }, 100);
    board.edit({ op: 'update', sceneId: 's2', changes: { text: 'x' } }, 100);
    board.edit({ op: 'update', sceneId: 's2', changes: { text: 'xy' } }, TYPING_COALESCE_MS + 1);
    assert.equal(board.history.depth, 6, 'another field, another scene and a pause each start a step');
    board.undo();
    board.undo();
    board.undo();
    assert.equal(board.scenes[0]?.title, 'A');
    assert.equal(board.scenes[0]?.text, 'Hello');
    board.undo();
    assert.equal(board.scenes[0]?.text, '', 'one undo takes the whole word back');
  });

  test('typing does not coalesce into a step reached by undo or redo', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'update', sceneId: 's1', changes: { text: 'one' } });
    board.edit({ op: 'update', sceneId: 's1', changes: { text: 'one two' } }, TYPING_COALESCE_MS + 5);
    board.undo();
    board.edit({ op: 'update', sceneId: 's1', changes: { text: 'one three' } }, 5);
    board.undo();
    assert.equal(board.scenes[0]?.text, 'one', 'the new typing is its own step');
  });

  test('typing a field back to what it was leaves no empty step', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'update', sceneId: 's1', changes: { text: 'x' } });
    board.edit({ op: 'update', sceneId: 's1', changes: { text: '' } });
    assert.equal(board.history.depth, 1);
  });

  test('history is bounded: the oldest steps go', () => {
    const board = new Board(new StoryboardHistory('p', 3));
    for (const title of ['A', 'B', 'C', 'D', 'E']) board.edit({ op: 'add', title });
    let undone = 0;
    while (board.undo()) undone += 1;
    assert.equal(undone, 3);
    assert.equal(board.titles, 'A,B');
  });

  test('undo keeps what jobs attached since the step (the rule in storyboard-history.ts)', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'add', title: 'B' });
    board.edit({ op: 'move', sceneId: 's2', toIndex: 0 });
    // Illustrate and Narrate finish after the move: jobs, not steps.
    board.job('s1', { imageAssetId: 'pic' });
    board.job('s2', { narrationAssetId: 'voice', text: 'Written by Write.' });
    board.undo();
    assert.equal(board.titles, 'A,B', 'the move is undone');
    assert.equal(board.scenes[0]?.imageAssetId, 'pic', "the job's picture stays");
    assert.equal(board.scenes[1]?.narrationAssetId, 'voice', "the job's narration stays");
    assert.equal(board.scenes[1]?.text, 'Written by Write.', "the job's text stays");
    board.redo();
    assert.equal(board.titles, 'B,A');
    assert.equal(board.scenes[1]?.imageAssetId, 'pic');
    assert.equal(board.scenes[0]?.narrationAssetId, 'voice');
  });

  test("a job's later value wins over the undone step's own attachment", () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'update', sceneId: 's1', changes: { imageAssetId: 'pic' } });
    board.job('s1', { imageAssetId: 'pic2' });
    board.undo();
    assert.equal(board.scenes[0]?.imageAssetId, 'pic2');
  });

  test('undoing the add of a scene a job then illustrated removes it; redo brings it back with its picture', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'add', title: 'B' });
    board.job('s2', { imageAssetId: 'pic' });
    board.undo();
    assert.equal(board.titles, 'A');
    board.redo();
    assert.equal(board.titles, 'A,B');
    assert.equal(board.scenes[1]?.imageAssetId, 'pic');
  });

  test('scenes a job added stay through undo, after the scene they follow', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'add', title: 'B' });
    board.edit({ op: 'update', sceneId: 's1', changes: { title: 'A2' } });
    // The prompt pipeline appends its scenes.
    board.scenes = [...board.scenes, { id: 'j1', title: 'J', text: 'from the model' }];
    board.undo();
    assert.equal(board.titles, 'A,B,J');
    board.undo();
    assert.equal(board.titles, 'A,J');
    board.redo();
    board.redo();
    assert.equal(board.titles, 'A2,B,J');
  });

  test('a job between two keystrokes ends the typing step, so undo cannot skip its work', () => {
    const board = new Board();
    board.edit({ op: 'add', title: 'A' });
    board.edit({ op: 'update', sceneId: 's1', changes: { text: 'x' } });
    board.job('s1', { imageAssetId: 'pic' });
    board.edit({ op: 'update', sceneId: 's1', changes: { text: 'xy' } }, 5);
    assert.equal(board.history.depth, 3);
    board.undo();
    board.undo();
    assert.equal(board.scenes[0]?.text, '');
    assert.equal(board.scenes[0]?.imageAssetId, 'pic');
  });

  test('keepJobChanges leaves the target alone when no job ran', () => {
    const a: Scene[] = [{ id: 'x', title: 'X', text: '' }];
    const b: Scene[] = [{ id: 'x', title: 'Y', text: 't' }];
    assert.deepEqual(keepJobChanges(b, b, a), a);
  });
});
