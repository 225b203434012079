import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportFileChooser, type SaveDialogApi } from '../../main/hosts/electron/save-dialog.js';

interface Window {
  id: number;
}

/** Electron's dialog as far as the chooser uses it: records each call and answers as told. */
function fakeDialog(answer: Electron.SaveDialogReturnValue) {
  const calls: { window: Window | null; options: Electron.SaveDialogOptions }[] = [];
  const dialog: SaveDialogApi<Window> = {
    showSaveDialog: async (first: Window | Electron.SaveDialogOptions, second?: Electron.SaveDialogOptions) => {
      if (second) calls.push({ window: first as Window, options: second });
      else calls.push({ window: null, options: first as Electron.SaveDialogOptions });
      return answer;
    },
  };
  return { dialog, calls };
}

const suggestion = { defaultPath: '/home/me/Story/exports/Harbour Night.md.zip', extension: 'md.zip', label: 'Markdown zip' };

test('the save dialog opens on the focused window at the suggested path, filtered to the ending, asking before it replaces', async () => {
  const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/home/me/Desktop/harbour.md.zip' });
  const choose = exportFileChooser(dialog, () => ({ id: 7 }));
  assert.equal(await choose(suggestion), '/home/me/Desktop/harbour.md.zip');
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0]?.window, { id: 7 });
  const options = calls[0]?.options;
  assert.equal(options?.defaultPath, suggestion.defaultPath);
  assert.deepEqual(options?.filters, [{ name: 'Markdown zip', extensions: ['zip'] }]);
  assert.ok(options?.properties?.includes('showOverwriteConfirmation'));
});

test('without a focused window the dialog stands alone; a name without its ending gets it', async () => {
  const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/home/me/Desktop/harbour' });
  const choose = exportFileChooser(dialog, () => null);
  assert.equal(await choose({ defaultPath: '/x/Story.mp4', extension: 'mp4', label: 'MP4 video' }), '/home/me/Desktop/harbour.mp4');
  assert.equal(calls[0]?.window, null);
  // An ending in other letters' case is the same ending.
  const upper = exportFileChooser(fakeDialog({ canceled: false, filePath: 'C:\\Videos\\Story.MP4' }).dialog, () => null);
  assert.equal(await upper({ defaultPath: 'C:\\Story.mp4', extension: 'mp4', label: 'MP4 video' }), 'C:\\Videos\\Story.MP4');
});

test('a dismissed dialog, or one that answers no path, chooses nothing', async () => {
  assert.equal(await exportFileChooser(fakeDialog({ canceled: true, filePath: '' }).dialog, () => null)(suggestion), null);
  assert.equal(await exportFileChooser(fakeDialog({ canceled: false, filePath: '' }).dialog, () => null)(suggestion), null);
});
