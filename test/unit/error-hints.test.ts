import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hintFor } from '../../renderer/src/format/error-hints.js';

test('a failure gets only the cause its message points to, not the code’s whole list', () => {
  // An existing file is not a full disk or an unwritable folder.
  assert.equal(hintFor('IO_ERROR', '/out/Story.pdf already exists; nothing was replaced.'), 'Choose another name or folder; nothing was replaced.');
  assert.match(hintFor('IO_ERROR', "Could not save a.png: EACCES: permission denied, open '/x/a.png'") ?? '', /may not write there/);
  assert.match(hintFor('IO_ERROR', 'Could not write: ENOSPC: no space left on device') ?? '', /disk is full/);
  assert.match(hintFor('IO_ERROR', "Could not read: ENOENT: no such file or directory, open '/x'") ?? '', /no longer there/);
});

test('a message that names its own next step gets no second one', () => {
  assert.equal(hintFor('UNSUPPORTED', '“Photos” is a folder; drop the files inside it.'), null);
  assert.equal(hintFor('ENGINE_UNAVAILABLE', 'No image model is installed. Download one in the Models tab.'), null);
  assert.equal(hintFor('INVALID_INPUT', 'The title is empty, then try a shorter one.'), null);
});

test('otherwise the code’s hint, or the general one; a cancel needs none', () => {
  assert.equal(hintFor('IO_ERROR', 'Could not open the file.'), 'Check that the disk has free space and the data folder is writable, then try again.');
  assert.equal(hintFor('NO_PROJECT_OPEN'), 'Open or create a project first, then try again.');
  assert.match(hintFor('INTERNAL', 'Something broke.') ?? '', /^Try again\./);
  assert.equal(hintFor('CANCELLED', 'Stopped.'), null);
});
