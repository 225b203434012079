import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sceneMedia, type ExportSource } from '../../main/core/export/export-source.js';

/** A project folder with `files` under assets/, and a project.json snapshot naming `scenes` and `assets`. */
async function source(files: string[], scenes: object[], assets: Record<string, string>): Promise<ExportSource> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-scene-media-'));
  await fs.mkdir(path.join(dir, 'assets'));
  for (const file of files) await fs.writeFile(path.join(dir, 'assets', file), 'x');
  const byId = Object.fromEntries(Object.entries(assets).map(([id, file]) => [id, { id, name: file, file: `assets/${file}` }]));
  return { dir, data: { scenes, assets: byId } as unknown as ExportSource['data'] };
}

test('scene media: every scene’s files resolved, in scene order', async () => {
  const made = await source(
    ['a.png', 'a.wav', 'b.png', 'rain.wav'],
    [
      { id: 's1', title: 'One', imageAssetId: 'p1', narrationAssetId: 'n1', bedAssetId: 'bed' },
      { id: 's2', title: 'Two', imageAssetId: 'p2', bedAssetId: 'bed' },
    ],
    { p1: 'a.png', n1: 'a.wav', p2: 'b.png', bed: 'rain.wav' },
  );
  try {
    const media = await sceneMedia(made);
    assert.deepEqual(
      media.map((m) => [m.scene.id, m.image?.path, m.narration?.path, m.bed?.path]),
      [
        ['s1', path.join(made.dir, 'assets', 'a.png'), path.join(made.dir, 'assets', 'a.wav'), path.join(made.dir, 'assets', 'rain.wav')],
        ['s2', path.join(made.dir, 'assets', 'b.png'), undefined, path.join(made.dir, 'assets', 'rain.wav')],
      ],
    );
  } finally {
    await fs.rm(made.dir, { recursive: true, force: true });
  }
});

test('scene media: the first scene with a problem is the one named, whichever lookup ends first', async () => {
  // Scene 1's picture file is missing (found out after a stat); scene 2 names an asset the
  // project does not have (known at once). The error is scene 1's.
  const made = await source(
    ['b.png'],
    [
      { id: 's1', title: 'One', imageAssetId: 'p1' },
      { id: 's2', title: 'Two', imageAssetId: 'ghost' },
    ],
    { p1: 'gone.png' },
  );
  try {
    await assert.rejects(sceneMedia(made), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'PROJECT_CORRUPT');
      assert.match(error.message ?? '', /gone\.png/);
      return true;
    });
  } finally {
    await fs.rm(made.dir, { recursive: true, force: true });
  }
});
