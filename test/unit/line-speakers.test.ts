import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Character } from '../../preload/schemas/cast.js';
import { parseScript } from '../../main/core/voice/script-parse.js';
import { rowAt, speakerOfRow, withRowSpeaker } from '../../renderer/src/workspace/project/storyboard/line-speakers.js';

const CAST: Character[] = ['Narrator', 'Fox', 'Old Crow'].map((name, i) => ({ id: `c${i}`, name, engine: 'espeak', voice: 'en', rate: 1, pitch: 50 }));
const NAMES = CAST.map((c) => c.name);

/** What the renderer reads: each line's speaker and words. */
function spoken(text: string): [string, string][] {
  return parseScript(text, CAST).lines.map((l) => [l.character.name, l.text]);
}

describe('per-line voice picks in the scene editor', () => {
  test('the caret’s row and its speaker, as the renderer reads the text', () => {
    const text = 'FOX: I am hungry.\nSo very hungry.\nold crow: Caw.';
    assert.equal(rowAt(text, 0), 0);
    assert.equal(rowAt(text, text.indexOf('So')), 1);
    assert.equal(rowAt(text, text.length), 2);
    assert.deepEqual(
      [0, 1, 2].map((r) => speakerOfRow(text, r, NAMES)),
      ['Fox', 'Fox', 'Old Crow'],
    );
    assert.equal(speakerOfRow('Plain words.\nMore of them.', 1, NAMES), 'Narrator');
  });

  test('a pick on plain text makes it a script that says the same, with that row in the picked voice', () => {
    const text = 'Once there was a fox.\nI am the fox, he said.\nAnd off he ran.';
    assert.deepEqual(spoken(text), [['Narrator', text]]);
    const picked = withRowSpeaker(text, 1, 'Fox', NAMES);
    assert.equal(picked.text, 'NARRATOR: Once there was a fox.\nFOX: I am the fox, he said.\nNARRATOR: And off he ran.');
    assert.deepEqual(spoken(picked.text), [
      ['Narrator', 'Once there was a fox.'],
      ['Fox', 'I am the fox, he said.'],
      ['Narrator', 'And off he ran.'],
    ]);
    assert.equal(picked.caret, picked.text.indexOf('I am'), 'the caret lands after the new prefix');
  });

  test('a pick replaces a row’s speaker and round-trips with a typed script', () => {
    const typed = 'NARRATOR: Night.\nFOX: Cheese!\nMine, all mine.';
    const picked = withRowSpeaker(typed, 1, 'Old Crow', NAMES);
    assert.equal(picked.text, 'NARRATOR: Night.\nOLD CROW: Cheese!\nFOX: Mine, all mine.');
    assert.deepEqual(spoken(picked.text), [
      ['Narrator', 'Night.'],
      ['Old Crow', 'Cheese!'],
      ['Fox', 'Mine, all mine.'],
    ]);
    assert.deepEqual(
      [0, 1, 2].map((r) => speakerOfRow(picked.text, r, NAMES)),
      ['Narrator', 'Old Crow', 'Fox'],
    );
    // Picking each row's own speaker again changes nothing the renderer reads.
    const again = [0, 1, 2].reduce((t, r) => withRowSpeaker(t, r, speakerOfRow(t, r, NAMES), NAMES).text, picked.text);
    assert.deepEqual(spoken(again), spoken(picked.text));
  });

  test('a pick on an empty row starts a line for that speaker; the rows after keep theirs', () => {
    const picked = withRowSpeaker('FOX: One.\n\nTwo.', 1, 'Narrator', NAMES);
    assert.deepEqual(spoken(picked.text), [
      ['Fox', 'One.'],
      ['Fox', 'Two.'],
    ]);
    assert.equal(picked.text.split('\n')[1], 'NARRATOR: ');
    assert.deepEqual(spoken(`${picked.text.replace('NARRATOR: ', 'NARRATOR: Between.')}`)[1], ['Narrator', 'Between.']);
  });
});
