import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scriptFraction, scriptProgress } from '../../preload/story-script-progress.js';

const SCRIPT = JSON.stringify({
  title: 'The keeper',
  scenes: [
    { title: 'Dawn at the "lamp"', caption: 'c', narration: 'The keeper climbs the stairs.', imagePrompt: 'stairs', mood: 'calm' },
    { title: 'The fox', caption: 'c', narration: 'A small fox waits.', imagePrompt: 'fox', mood: 'warm' },
  ],
});

test('scene titles are read off the streamed JSON as each one is finished, never the story title or a half-written one', () => {
  assert.deepEqual(scriptProgress('{"title": "The keeper", "sce').sceneTitles, []);
  const firstDone = SCRIPT.indexOf('"caption"');
  assert.deepEqual(scriptProgress(SCRIPT.slice(0, firstDone)).sceneTitles, ['Dawn at the "lamp"']);
  const secondHalf = SCRIPT.indexOf('The fox') + 3;
  assert.equal(scriptProgress(SCRIPT.slice(0, secondHalf)).sceneTitles.length, 1, 'a title still being written is left out');
  assert.deepEqual(scriptProgress(SCRIPT).sceneTitles, ['Dawn at the "lamp"', 'The fox']);
});

test('the writing fraction grows with every few words and stays below the finished script', () => {
  let last = -1;
  for (let end = 10; end <= SCRIPT.length; end += 10) {
    const fraction = scriptFraction(scriptProgress(SCRIPT.slice(0, end)), 2);
    assert.ok(fraction >= last, `fraction went back at ${end}`);
    assert.ok(fraction < 1);
    last = fraction;
  }
  assert.ok(last > 0, 'the bar moved');
  assert.equal(scriptProgress('').words, 0);
  assert.ok(scriptProgress(SCRIPT).words >= 15, 'the words of the values are counted, not the keys');
});
