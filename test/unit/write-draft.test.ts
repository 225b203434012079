import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { createDraftStore, type WriteDraft } from '../../renderer/src/workspace/write/write-draft.js';

/** localStorage as the browser has it: strings under keys, and a quota that can refuse. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  refuse = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const storage = new MemoryStorage();
let drafts = createDraftStore(() => storage);
/** A draft written earlier, by another run of the studio. */
const stored = (id: string, draft: WriteDraft) => storage.setItem(`atelier.write.draft.${id}`, JSON.stringify(draft));

const LOOSE = 'atelier.write.draft.no-project';
const words = (markdown: string) => ({ name: 'Loose notes', markdown });

describe('the Write draft kept on this computer', () => {
  beforeEach(() => {
    storage.items.clear();
    storage.refuse = false;
    drafts = createDraftStore(() => storage);
  });

  test('a project created before the loose draft was written still adopts it, and the late write does not bring it back', () => {
    drafts.hold(null, words('Written a moment ago.'));
    assert.equal(storage.getItem(LOOSE), null, 'not written yet: the write waits for typing to pause');

    assert.deepEqual(drafts.load('p1'), words('Written a moment ago.'));
    assert.deepEqual(JSON.parse(storage.getItem('atelier.write.draft.p1') ?? 'null'), words('Written a moment ago.'));

    assert.equal(drafts.flush(null), true, 'the no-project editor closing flushes what it held');
    assert.equal(storage.getItem(LOOSE), null, 'moved, not copied');
    assert.deepEqual(drafts.load(null), { name: 'Untitled', markdown: '' });
  });

  test('a held draft is what the next read sees, and is written by the flush', () => {
    stored('p1', words('old'));
    drafts.hold('p1', words('newer'));
    assert.equal(drafts.load('p1').markdown, 'newer', 'the Voice tab’s “take the Write document” reads the newest words');
    assert.equal(drafts.flush('p1'), true);
    assert.equal(JSON.parse(storage.getItem('atelier.write.draft.p1') ?? 'null').markdown, 'newer');
    storage.items.clear();
    assert.equal(drafts.flush('p1'), true, 'nothing waits any more: a second flush writes nothing');
    assert.equal(storage.getItem('atelier.write.draft.p1'), null);
  });

  test('an empty loose draft is not adopted; a project’s own draft wins over a loose one', () => {
    drafts.hold(null, words('  '));
    assert.equal(drafts.load('p1').markdown, '');
    stored('p2', words('its own'));
    drafts.hold(null, words('loose'));
    assert.equal(drafts.load('p2').markdown, 'its own');
    assert.equal(drafts.load(null).markdown, 'loose', 'the loose draft stays where it was');
  });

  test('a browser that refuses to store says so, and a damaged stored draft reads as none', () => {
    storage.refuse = true;
    drafts.hold('p1', words('kept in memory'));
    assert.equal(drafts.flush('p1'), false);
    assert.equal(drafts.load('p1').markdown, 'kept in memory', 'refused, the words are still held');
    storage.refuse = false;
    storage.setItem('atelier.write.draft.p3', '{"name": 5');
    assert.deepEqual(drafts.load('p3'), { name: 'Untitled', markdown: '' });
  });
});
