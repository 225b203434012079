import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { captionLayout, captionPictures, captionTrack } from '../../main/core/export/caption-burn.js';
import { planSegments, segmentOrder } from '../../main/core/export/video-segments.js';
import { inPool } from '../../main/core/export/task-pool.js';
import { VIDEO_FPS, planTimeline } from '../../main/core/export/video-timeline.js';
import { CROSSFADE_SECONDS } from '../../preload/video-motion.js';

test('segments tile the timeline: back to back, whole frames, as many frames as the video', () => {
  const { scenes, total } = planTimeline([2, undefined, 3.01, 1.2], [undefined, { transition: 'cut' }, { transition: 'fade-black' }, undefined]);
  const segments = planSegments(scenes.map((s) => ({ ...s, move: 'zoom-in' as const })));
  // A segment per scene, each opening with the transition into it (none after a cut or for the first).
  assert.deepEqual(
    segments.map((s) => `${s.scene} fade-in ${s.fadeIn}`),
    ['0 fade-in 0', '1 fade-in 0', '2 fade-in 12', '3 fade-in 12'],
  );
  assert.equal(Math.round(CROSSFADE_SECONDS * VIDEO_FPS), 12);
  // Each ends where the next one's transition begins: the scene's frames less the overlap after it.
  assert.deepEqual(
    segments.map((s) => s.frames),
    scenes.map((s, i) => Math.round(s.duration * VIDEO_FPS) - Math.round((scenes[i + 1]?.overlap ?? 0) * VIDEO_FPS)),
  );
  let at = 0;
  for (const segment of segments) {
    assert.ok(Math.abs(segment.start - at) < 1e-9, `segment ${segment.scene} starts at ${segment.start}, the one before ended at ${at}`);
    assert.ok(Number.isInteger(segment.frames) && segment.frames > 0);
    at += segment.frames / VIDEO_FPS;
  }
  assert.equal(
    segments.reduce((sum, s) => sum + s.frames, 0),
    Math.round(total * VIDEO_FPS),
  );
});

test("segments are encoded costliest first (zooms, then pans, then held pictures), ties in the scenes' order", () => {
  const { scenes } = planTimeline([3, 3, 6, 3, 3, 3]);
  const moves = ['pan-left', 'off', 'pan-right', 'zoom-in', 'pan-up', 'zoom-out'] as const;
  const order = segmentOrder(scenes.map((s, i) => ({ ...s, move: moves[i] as (typeof moves)[number] })));
  // Scene 2 pans for twice as long as the zooms: the longest first; then the zooms (the last
  // scene's segment has no fade-out to leave to the next, so it is the longer); the held one last.
  assert.deepEqual(order, [2, 5, 3, 0, 4, 1]);
  assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4, 5], 'each segment once');
});

test("a segment's caption track holds each cue for its part of the window, timed from the window's start", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-caption-window-'));
  try {
    const cues = [
      { start: 1, end: 3, lines: ['first'] },
      { start: 3.5, end: 6, lines: ['second'] },
    ];
    const pictures = await captionPictures(cues, 320, captionLayout(320, 180, 30), dir);
    const list = await fs.readFile(await captionTrack(pictures, 2, 5, path.join(dir, 'w.ffconcat')), 'utf8');
    const held = [...list.matchAll(/file '([^']+)'\nduration ([\d.]+)/g)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(held, [
      ['cue-0.png', 1],
      ['cue-blank.png', 0.5],
      ['cue-1.png', 1.5],
    ]);
    assert.match(list, /file 'cue-blank.png'\n$/, 'a final blank ends the list');
    const after = await fs.readFile(await captionTrack(pictures, 6, 8, path.join(dir, 'late.ffconcat')), 'utf8');
    assert.deepEqual(
      [...after.matchAll(/duration ([\d.]+)/g)].map((m) => Number(m[1])),
      [2],
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('the pool runs at most `width` tasks at once, starts none after a failure and throws the first error', async () => {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const task =
    (i: number, fail = false) =>
    async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => setImmediate(resolve));
      running -= 1;
      if (fail) throw new Error(`task ${i} failed`);
    };
  await inPool(
    [0, 1, 2, 3, 4].map((i) => task(i)),
    2,
  );
  assert.equal(most, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  started.length = 0;
  await assert.rejects(inPool([task(0, true), task(1), task(2), task(3)], 1), /task 0 failed/);
  assert.deepEqual(started, [0], 'nothing starts after the failure');
});
