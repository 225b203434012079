import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishedDetail, progressDetail } from '../../renderer/src/frame/job-facts.js';

test('a running job shows one progress figure: percentages inside its detail go when the tray shows its own', () => {
  assert.equal(progressDetail('encoding MP4 24%', true), 'encoding MP4');
  assert.equal(progressDetail('Step 3 of 20 · 15 %', true), 'Step 3 of 20');
  assert.equal(progressDetail('42%', true), undefined);
  assert.equal(progressDetail('encoding MP4 24%', false), 'encoding MP4 24%', 'kept when the tray has no figure of its own');
  assert.equal(progressDetail('Loading the model…', true), 'Loading the model…');
  assert.equal(progressDetail(undefined, true), undefined);
});

test('a finished job keeps a result worth reading, not its last progress step', () => {
  assert.equal(finishedDetail('Copying 547 kB of 547 kB'), undefined);
  assert.equal(finishedDetail('Writing the scenes…'), undefined);
  assert.equal(finishedDetail('99%'), undefined);
  assert.equal(finishedDetail('12 tokens · 3.4 tok/s'), '12 tokens · 3.4 tok/s');
  assert.equal(finishedDetail('Picture attached'), 'Picture attached');
  assert.equal(finishedDetail(undefined), undefined);
});
