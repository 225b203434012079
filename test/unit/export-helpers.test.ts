import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { unsafeEntryName } from '../../main/core/bundle-import/unpack-bundle.js';
import { exportSlug, filesFolderOf, fileStem, writeExportFile, writeNewFile } from '../../main/core/export/output-file.js';
import { SILENT_SCENE_SECONDS, VIDEO_FPS, planTimeline } from '../../main/core/export/video-timeline.js';
import { CROSSFADE_SECONDS } from '../../preload/video-motion.js';
import { winAnsi } from '../../main/core/export/pdf-export.js';

test('the timeline: narration + fade-in + tail on whole frames, silent scenes 4 s, fades overlap', () => {
  const { scenes, total } = planTimeline([2, undefined, 3.01]);
  assert.equal(scenes[0]?.start, 0);
  assert.equal(scenes[0]?.duration, 2.75);
  assert.equal(scenes[1]?.duration, SILENT_SCENE_SECONDS);
  assert.equal(scenes[1]?.start, 2.75 - CROSSFADE_SECONDS);
  assert.equal(Math.round((scenes[2]?.duration ?? 0) * VIDEO_FPS), Math.ceil(3.76 * VIDEO_FPS));
  assert.ok(Math.abs(total - (2.75 + 4 + (scenes[2]?.duration ?? 0) - 2 * CROSSFADE_SECONDS)) < 1e-9);
  for (const [i, s] of scenes.entries()) {
    assert.equal(s.narrationAt, s.start + CROSSFADE_SECONDS);
    const next = scenes[i + 1];
    // A narration (at most duration - fade - tail long) ends before the next one starts.
    if (next) assert.ok(s.narrationAt + (s.duration - CROSSFADE_SECONDS - 0.25) <= next.narrationAt);
  }
  assert.deepEqual(planTimeline([]), { scenes: [], total: 0 });
  assert.ok((planTimeline([0]).scenes[0]?.duration ?? 0) >= 2 * CROSSFADE_SECONDS, 'even an empty narration leaves room for two fades');
});

test('zip entry names that could escape are named, ordinary ones pass', () => {
  for (const bad of ['../evil', 'a/../../evil', '/etc/passwd', 'C:/evil', 'c:evil', 'a\\..\\evil', 'x\0y']) assert.ok(unsafeEntryName(bad), bad);
  for (const good of ['project.json', 'assets/a b.png', 'assets/..notes.txt', 'assets/dir/']) assert.equal(unsafeEntryName(good), null, good);
});

test('export names: safe stems, and never over an existing file', async () => {
  assert.equal(fileStem('a/b:c*?"<>|d'), 'abcd');
  assert.equal(fileStem('...'), 'Project');
  // "dawn." once made "dawn..html"; a trailing dot or space is dropped (Windows would drop it anyway).
  assert.equal(fileStem('dawn.'), 'dawn');
  assert.equal(fileStem('Dawn over the bay… . '), 'Dawn over the bay…');
  // Names Windows keeps for devices, lone surrogates (JSON can carry them, file names cannot), a cut through an emoji.
  assert.equal(fileStem('con'), 'Project');
  assert.equal(fileStem('LPT1.'), 'Project');
  assert.equal(fileStem('Tale \ud800 end'), 'Tale \ufffd end');
  assert.equal(fileStem(`${'a'.repeat(79)}\ud83c\udf0a and more`), `${'a'.repeat(79)}\ud83c\udf0a`);
  assert.equal(fileStem('Cafe\u0301'), 'Caf\u00e9');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-out-'));
  try {
    const write = (text: string) => (partial: string) => fs.writeFile(partial, text);
    const a = await writeNewFile(dir, 'Story', 'pdf', write('one'));
    const b = await writeNewFile(dir, 'Story', 'pdf', write('two'));
    assert.equal(path.basename(a), 'Story.pdf');
    assert.equal(path.basename(b), 'Story-2.pdf');
    assert.equal(await fs.readFile(a, 'utf8'), 'one');
    await assert.rejects(
      writeNewFile(dir, 'Story', 'pdf', async () => {
        throw new Error('boom');
      }),
    );
    assert.deepEqual((await fs.readdir(dir)).sort(), ['Story-2.pdf', 'Story.pdf'], 'a failed export leaves no partial file');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('slugs for names typed in a terminal, and the files folder beside a page', () => {
  assert.equal(exportSlug('Harbour Night'), 'harbour-night');
  assert.equal(exportSlug('  Café: "Ünïcode" / 2 '), 'cafe-unicode-2');
  assert.equal(exportSlug('灯台の夜'), '灯台の夜');
  // Letters outside the BMP are two UTF-16 units: the cap counts characters, so none is cut in half.
  assert.equal(exportSlug('𠀀'.repeat(81)), '𠀀'.repeat(80));
  assert.equal(exportSlug('...'), 'project');
  assert.equal(filesFolderOf('/x/story.md'), '/x/story_files');
  assert.equal(filesFolderOf('/x/notes'), '/x/notes_files');
  assert.equal(filesFolderOf('/x/.hidden'), '/x/.hidden_files');
});

test('an exact target is written under exactly its name, refused when it exists unless replace', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-exact-'));
  try {
    const file = path.join(dir, 'story.pdf');
    assert.equal(await writeExportFile({ file }, 'pdf', (partial) => fs.writeFile(partial, 'one')), file);
    await assert.rejects(
      writeExportFile({ file }, 'pdf', (partial) => fs.writeFile(partial, 'two')),
      { code: 'IO_ERROR', message: /already exists/ },
    );
    assert.equal(await fs.readFile(file, 'utf8'), 'one');
    await writeExportFile({ file, replace: true }, 'pdf', (partial) => fs.writeFile(partial, 'three'));
    assert.equal(await fs.readFile(file, 'utf8'), 'three');
    assert.deepEqual(await fs.readdir(dir), ['story.pdf'], 'no partial file left, no ending added');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('PDF text keeps WinAnsi characters and replaces the rest', () => {
  assert.equal(winAnsi('Café “quoted” — ok… 你好 🎉'), 'Café “quoted” — ok… ?? ?');
});
