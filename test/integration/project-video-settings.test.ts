import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import type { Asset, ProjectSummary, StoryboardState } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';
import { ffprobe, loudnessOf } from '../support/video-probe.js';
import { runCli, tempHome } from '../support/web-host.js';

let root: string;
let home: string;
let project: ProjectSummary;
let musicId: string;
let sceneIds: string[];

async function settled(studio: Studio, reply: unknown): Promise<Asset> {
  const job = await studio.jobs.settled((reply as { jobId: string }).jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  return job.result as Asset;
}

/** A picture whose left half is red and right half blue, or all green: a crop's side shows in its colour. */
async function importPicture(studio: Studio, name: string, svgBody: string, width: number): Promise<Asset> {
  const file = path.join(root, name);
  await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="600">${svgBody}</svg>`))
    .png()
    .toFile(file);
  const ref = studio.fileRefs.register({ path: file, name, size: (await fs.stat(file)).size, owned: false });
  return settled(studio, await studio.call('assets.import', { fileRef: ref.ref }));
}

before(async () => {
  root = await tempHome('atelier-project-video-');
  home = path.join(root, 'home');
  const studio = await createStudio({ host: 'cli', home });
  try {
    project = (await studio.call('projects.create', { title: 'Settings' })) as ProjectSummary;
    const split = await importPicture(
      studio,
      'split.png',
      '<rect width="800" height="600" fill="#f00"/><rect x="800" width="800" height="600" fill="#00f"/>',
      1600,
    );
    const green = await importPicture(studio, 'green.png', '<rect width="100%" height="100%" fill="#0f0"/>', 800);
    musicId = (await settled(studio, await studio.call('sound.generate', { kind: 'loop', tempo: 100, key: 'C', scale: 'major', bars: 1, seed: 3 }))).id;
    // Two silent scenes of 2 s: no narration, no bed, so any sound in the video is the music bed.
    for (const [title, picture] of [
      ['Split', split],
      ['Green', green],
    ] as const) {
      const state = (await studio.call('storyboard.edit', { op: 'add', title })) as StoryboardState;
      const id = state.scenes.at(-1)?.id as string;
      await studio.call('storyboard.edit', { op: 'update', sceneId: id, changes: { imageAssetId: picture.id, video: { durationSeconds: 2, motion: 'off' } } });
    }
    sceneIds = ((await studio.call('storyboard.get', {})) as StoryboardState).scenes.map((s) => s.id);
  } finally {
    await studio.dispose();
  }
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('the project’s music bed and poster scene are set through storyboard.edit, saved at once, one undo step each, checked', async () => {
  const studio = await createStudio({ host: 'cli', home });
  try {
    await studio.call('projects.open', { id: project.id });
    const edit = async (changes: unknown) => (await studio.call('storyboard.edit', { op: 'video', changes })) as StoryboardState;
    assert.deepEqual(((await studio.call('storyboard.get', {})) as StoryboardState).video, { captions: 'soft' }, 'the defaults');

    const withMusic = await edit({ musicAssetId: musicId });
    assert.deepEqual(withMusic.video, { captions: 'soft', musicAssetId: musicId });
    assert.equal(withMusic.canUndo, true);
    assert.equal((await readProjectStrictly(project.path)).video?.musicAssetId, musicId, 'saved at once (project.json and its journal)');
    const withPoster = await edit({ posterSceneId: sceneIds[1] });
    assert.deepEqual(withPoster.video, { captions: 'soft', musicAssetId: musicId, posterSceneId: sceneIds[1] });

    // Each change is one undo step; undo and redo put the settings back on disk too.
    assert.equal(((await studio.call('storyboard.undo', {})) as StoryboardState).video.posterSceneId, undefined);
    const undone = (await studio.call('storyboard.undo', {})) as StoryboardState;
    assert.deepEqual(undone.video, { captions: 'soft' });
    assert.equal((await readProjectStrictly(project.path)).video, undefined, 'back to the defaults stores nothing');
    await studio.call('storyboard.redo', {});
    const redone = (await studio.call('storyboard.redo', {})) as StoryboardState;
    assert.deepEqual(redone.video, { captions: 'soft', musicAssetId: musicId, posterSceneId: sceneIds[1] });

    // Bad values are typed errors and write nothing.
    const journal = () => fs.readFile(path.join(project.path, 'project.journal'), 'utf8').catch(() => '');
    const before = [await fs.readFile(path.join(project.path, 'project.json'), 'utf8'), await journal()];
    const picture = redone.scenes[0]?.imageAssetId as string;
    for (const [changes, code] of [
      [{ musicAssetId: 'no-such-sound' }, 'NOT_FOUND'],
      [{ musicAssetId: picture }, 'INVALID_INPUT'],
      [{ posterSceneId: 'no-such-scene' }, 'NOT_FOUND'],
      [{ captions: 'loud' }, 'INVALID_INPUT'],
      [{ musicAssetId: '' }, 'INVALID_INPUT'],
      [{ volume: 2 }, 'INVALID_INPUT'],
    ] as const) {
      await assert.rejects(edit(changes), (error: { code?: string }) => error.code === code, `${JSON.stringify(changes)} is ${code}`);
    }
    assert.deepEqual([await fs.readFile(path.join(project.path, 'project.json'), 'utf8'), await journal()], before, 'nothing written');
    // A no-op is no undo step.
    const again = await edit({ musicAssetId: musicId });
    assert.deepEqual(again.video, redone.video);
  } finally {
    await studio.dispose();
  }
});

/** Mean red, green and blue of the frame at `seconds` (motion is off, so the whole scene looks the same). */
function frameColour(file: string, seconds: number, stream = '0:v:0'): { r: number; g: number; b: number } {
  const run = spawnSync(
    ffmpeg.path,
    [
      '-v',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-map',
      stream,
      '-frames:v',
      '1',
      '-vf',
      'scale=1:1:flags=area',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    {
      maxBuffer: 1024 * 1024,
    },
  );
  assert.equal(run.status, 0, String(run.stderr));
  const [r = 0, g = 0, b = 0] = run.stdout;
  return { r, g, b };
}

function cliExport(out: string, ...flags: string[]): { video: string; poster: string } {
  const run = runCli(['project', 'export', 'Settings', '--format', 'mp4', '--aspect', '9:16', '--captions', 'off', '--motion', 'off', '-o', out, ...flags], {
    ATELIER_HOME: home,
  });
  assert.equal(run.status, 0, `exit ${run.status}\n${run.stderr}`);
  const poster = /poster frame (.+\.png)/.exec(run.stdout)?.[1];
  assert.ok(poster, run.stdout);
  return { video: out, poster };
}

test(
  'atelier project export takes the project’s music bed without --music, none with --music none; the poster scene is the cover',
  { timeout: 600_000 },
  async () => {
    const withMusic = cliExport(path.join(root, 'music.mp4'));
    const silent = cliExport(path.join(root, 'none.mp4'), '--music', 'none');
    const music = loudnessOf(withMusic.video);
    const none = loudnessOf(silent.video);
    assert.ok(Math.abs(music.integrated + 16) <= 1, `the project's music bed, normalised: ${music.integrated} LUFS`);
    assert.ok(none.integrated <= -60 || !Number.isFinite(none.integrated), `--music none: silence, ${none.integrated} LUFS`);

    // The poster is scene 2's picture (green), beside the video and as its cover art, not a title card.
    const poster = await sharp(withMusic.poster).resize(1, 1).raw().toBuffer();
    // Its blurred fill is darkened, so the mean is less than pure green; red and blue stay near none.
    const [r = 0, g = 0, b = 0] = poster;
    assert.ok(g > 120 && r < 40 && b < 40, `the poster is the green scene: ${[r, g, b].join(',')}`);
    const cover = ffprobe(withMusic.video).streams.find((s) => s.disposition?.['attached_pic'] === 1);
    assert.ok(cover, 'cover art embedded');
    const coverColour = frameColour(withMusic.video, 0, `0:${cover.index}`);
    assert.ok(coverColour.g > 120 && coverColour.r < 40 && coverColour.b < 40, `cover art ${JSON.stringify(coverColour)}`);
  },
);

test('a scene’s focus point crops its picture in the export (left half red, right half blue; 9:16 shows one side)', { timeout: 600_000 }, async () => {
  const studio = await createStudio({ host: 'cli', home });
  const split = sceneIds[0] as string;
  try {
    await studio.call('projects.open', { id: project.id });
    await studio.call('storyboard.edit', { op: 'update', sceneId: split, changes: { video: { focus: { x: 0, y: 0.5 } } } });
  } finally {
    await studio.dispose();
  }
  const left = cliExport(path.join(root, 'left.mp4'), '--music', 'none').video;
  const leftColour = frameColour(left, 1);
  assert.ok(leftColour.r > 200 && leftColour.b < 60, `focus on the left: red ${JSON.stringify(leftColour)}`);

  const again = await createStudio({ host: 'cli', home });
  try {
    await again.call('projects.open', { id: project.id });
    await again.call('storyboard.edit', { op: 'update', sceneId: split, changes: { video: { focus: { x: 1, y: 0.5 } } } });
    assert.deepEqual((await readProjectStrictly(project.path)).scenes[0]?.video?.focus, { x: 1, y: 0.5 }, 'saved');
  } finally {
    await again.dispose();
  }
  const right = cliExport(path.join(root, 'right.mp4'), '--music', 'none').video;
  const rightColour = frameColour(right, 1);
  assert.ok(rightColour.b > 200 && rightColour.r < 60, `focus on the right: blue ${JSON.stringify(rightColour)}`);
});
