import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import { captionLayout, captionPictures } from '../../main/core/export/caption-burn.js';
import { CODECS, type VideoFormat } from '../../main/core/export/video-codecs.js';
import { segmentTasks } from '../../main/core/export/video-segments.js';
import { inPool } from '../../main/core/export/task-pool.js';
import { VIDEO_FPS, planTimeline } from '../../main/core/export/video-timeline.js';
import { FFPROBE, regionDifference } from '../support/video-probe.js';

const W = 320;
const H = 180;

/** The video stream's packets as ffprobe reads them: presentation and decoding times. */
function packets(file: string): { pts: number; dts: number }[] {
  const run = spawnSync(FFPROBE, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,dts_time', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
  });
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => line.split(',').map(Number))
    .map(([pts, dts]) => ({ pts: pts ?? NaN, dts: dts ?? NaN }));
}

/**
 * The frame a player shows at `seconds`, as grey pixels: decoded at a constant 24 fps (a
 * held picture's frame lasts until the next one; a seek with -ss would jump to the next).
 */
function shownAt(file: string, seconds: number): { width: number; height: number; pixels: Buffer } {
  const n = Math.floor(seconds * VIDEO_FPS + 1e-6);
  const run = spawnSync(
    ffmpeg.path,
    ['-v', 'error', '-i', file, '-map', '0:v:0', '-vf', `fps=${VIDEO_FPS},select=eq(n\\,${n})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  assert.equal(run.stdout.length, W * H, `a frame at ${seconds} s: ${String(run.stderr)}`);
  return { width: W, height: H, pixels: run.stdout };
}

function videoDuration(file: string): number {
  const run = spawnSync(FFPROBE, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=duration:format=duration', '-of', 'json', file], {
    encoding: 'utf8',
  });
  const probe = JSON.parse(run.stdout) as { streams: { duration?: string }[]; format: { duration: string } };
  return Number(probe.streams[0]?.duration ?? probe.format.duration);
}

for (const format of ['mp4', 'webm'] as VideoFormat[]) {
  test(`held pictures (${format}): few frames, joined on time, captions change on their frame`, async () => {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-held-'));
    try {
      // Three still scenes: a cross-fade, then a cut; a burned caption inside the first body.
      const { scenes, total } = planTimeline([undefined, undefined, undefined], [undefined, undefined, { transition: 'cut' }]);
      const colours = ['#c03020', '#2040c0', '#20a040'];
      const frames = colours.map(async (colour, i) => {
        const file = path.join(work, `frame-${i}.png`);
        await sharp({ create: { width: W, height: H, channels: 3, background: colour } })
          .png()
          .toFile(file);
        return file;
      });
      const layout = captionLayout(W, H, 30);
      const cue = { start: 1.3, end: 2.2, lines: ['a caption'] };
      const pictures = await captionPictures([cue], W, layout, work);
      const job = {
        scenes: scenes.map((s) => ({ ...s, move: 'off' as const })),
        frames,
        width: W,
        height: H,
        format,
        captions: { pictures, top: layout.top },
        work,
      };
      const { tasks, list } = segmentTasks(job, () => undefined, new AbortController().signal);
      await inPool(tasks, 2);
      const out = path.join(work, `joined.${format}`);
      const join = spawnSync(ffmpeg.path, [
        '-v',
        'error',
        '-y',
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        await list,
        '-c',
        'copy',
        ...CODECS[format].container,
        out,
      ]);
      assert.equal(join.status, 0, String(join.stderr));

      const coded = packets(out);
      assert.ok(coded.length < (total * VIDEO_FPS) / 3, `${coded.length} frames coded for ${Math.round(total * VIDEO_FPS)} frames of video`);
      for (let i = 1; i < coded.length; i++) assert.ok((coded[i]?.dts ?? 0) > (coded[i - 1]?.dts ?? 0), `decoding times rise at packet ${i}`);
      assert.ok(Math.abs(videoDuration(out) - total) < 0.05, `video lasts ${videoDuration(out)} s of ${total} s`);

      // The caption appears on its own frame and goes on its own frame, not at the next kept one.
      const band = [layout.top, layout.top + layout.bandHeight] as const;
      const plain = shownAt(out, 0.5);
      const differs = (t: number) => regionDifference(plain, shownAt(out, t), ...band);
      assert.ok(differs(cue.start - 0.05) < 0.5, `no caption before its start (${differs(cue.start - 0.05)})`);
      assert.ok(differs(cue.start + 0.05) > 2, `the caption shows from its start (${differs(cue.start + 0.05)})`);
      assert.ok(differs(cue.end + 0.05) < 0.5, `the caption is gone after its end (${differs(cue.end + 0.05)})`);
      // Each scene's colour holds until the next scene takes over.
      const second = scenes[1]?.start ?? 0;
      const third = scenes[2]?.start ?? 0;
      const mean = (t: number) =>
        shownAt(out, t)
          .pixels.subarray(0, W * 20)
          .reduce((a, b) => a + b, 0) /
        (W * 20);
      assert.ok(Math.abs(mean(second - 0.1) - mean(0.5)) < 3, 'the first picture holds up to the cross-fade');
      assert.ok(Math.abs(mean(third - 0.05) - mean(second + 1)) < 3, 'the second picture holds up to the cut');
      assert.ok(Math.abs(mean(third + 0.05) - mean(total - 0.05)) < 3, 'the third picture holds to the end');
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  });
}
