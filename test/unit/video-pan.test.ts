import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import { segmentGraph, type GraphScene } from '../../main/core/export/video-filtergraph.js';
import type { Move } from '../../preload/video-motion.js';
import { MOTION_ZOOM } from '../../preload/video-motion.js';

const W = 1280;
const H = 720;
const FRAMES = 60;

let dir: string;
let still: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-pan-'));
  // White in the top-left quarter, black elsewhere: one edge across, one edge down.
  still = path.join(dir, 'still.png');
  await sharp({ create: { width: W, height: H, channels: 3, background: '#000000' } })
    .composite([{ input: { create: { width: W / 2, height: H / 2, channels: 3, background: '#ffffff' } }, left: 0, top: 0 }])
    .png()
    .toFile(still);
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The segment's frames as grey bytes, one Buffer per frame. */
function render(move: Move): Buffer[] {
  const scene: GraphScene = { start: 0, duration: FRAMES / 24, narrationAt: 0, transition: 'cut', overlap: 0, move };
  const graph = `${segmentGraph(scene, undefined, FRAMES, W, H)};[picture]format=gray[out]`;
  // At the segment's rate, as the export runs it (`-r 24`: the frames carry 1/24 s timestamps).
  const output = ['-map', '[out]', '-r', '24', '-frames:v', String(FRAMES), '-f', 'rawvideo', '-'];
  const run = spawnSync(ffmpeg.path, ['-v', 'error', '-i', still, '-filter_complex', graph, ...output], {
    maxBuffer: W * H * (FRAMES + 1),
  });
  assert.equal(run.status, 0, run.stderr.toString());
  assert.equal(run.stdout.length, W * H * FRAMES, 'every frame comes out');
  return Array.from({ length: FRAMES }, (_, n) => run.stdout.subarray(n * W * H, (n + 1) * W * H));
}

/**
 * Where the white quarter's edge is, in output pixels: the white along a row (or a column)
 * well inside the quarter, summed. Resampling spreads the edge over a few pixels but keeps
 * its sum, so this finds it to a small fraction of a pixel.
 */
function edgeAt(frame: Buffer, across: boolean): number {
  let sum = 0;
  if (across) for (let x = 0; x < W; x++) sum += (frame[(H / 4) * W + x] as number) / 255;
  else for (let y = 0; y < H; y++) sum += (frame[y * W + W / 4] as number) / 255;
  return sum;
}

for (const move of ['pan-right', 'pan-left', 'pan-down', 'pan-up'] as const) {
  test(`${move}: the picture slides evenly in half-pixel steps, the whole way, never back`, () => {
    const across = move === 'pan-right' || move === 'pan-left';
    const edges = render(move).map((frame) => edgeAt(frame, across));
    const side = across ? W : H;
    // The window over the still (scaled up by the zoom) travels its spare width over the
    // frames, in whole pixels of the still scaled up twice: half-pixel steps.
    const travel = side * MOTION_ZOOM;
    const forwards = move === 'pan-right' || move === 'pan-down';
    const window = (n: number) => Math.round(2 * travel * (forwards ? n / (FRAMES - 1) : 1 - n / (FRAMES - 1))) / 2;
    const towards = forwards ? -1 : 1;
    const first = edges[0] as number;
    for (const [n, edge] of edges.entries()) {
      const expected = window(0) - window(n);
      assert.ok(Math.abs(edge - first - expected) < 0.15, `frame ${n}: the edge moved ${(edge - first).toFixed(3)} px, expected ${expected}`);
    }
    assert.ok(Math.abs(Math.abs((edges.at(-1) as number) - first) - travel) < 0.15, `it travels ${travel} px in all`);
    const steps = edges.slice(1).map((edge, n) => towards * (edge - (edges[n] as number)));
    assert.ok(
      steps.every((step) => step > -0.05),
      `never back: ${steps.map((s) => s.toFixed(2)).join(' ')}`,
    );
    // Whole-pixel windows would judder: some steps end on a half pixel.
    assert.ok(
      steps.some((step) => Math.abs(step - Math.floor(step) - 0.5) < 0.1),
      'some steps end on half a pixel',
    );
  });
}

/** The frames `picks` of a graph's `[picture]` as raw 4:2:0 bytes. */
function frames420(graph: string, label: string, count: number): Buffer {
  const run = spawnSync(
    ffmpeg.path,
    ['-v', 'error', '-i', still, '-filter_complex', graph, '-map', label, '-r', '24', '-frames:v', String(count), '-f', 'rawvideo', '-'],
    {
      maxBuffer: ((W * H * 3) / 2) * (count + 1),
    },
  );
  assert.equal(run.status, 0, run.stderr.toString());
  return run.stdout;
}

for (const move of ['pan-right', 'pan-up'] as const) {
  test(`${move}: each frame is bit for bit the doubled still's window at its position, halved (luma and chroma)`, () => {
    const frameBytes = (W * H * 3) / 2;
    const scene: GraphScene = { start: 0, duration: FRAMES / 24, narrationAt: 0, transition: 'cut', overlap: 0, move };
    const made = frames420(segmentGraph(scene, undefined, FRAMES, W, H), '[picture]', FRAMES);
    const across = move === 'pan-right';
    const bigW = 2 * Math.round(W * (1 + MOTION_ZOOM));
    const bigH = 2 * Math.round(H * (1 + MOTION_ZOOM));
    const spare = across ? bigW - 2 * W : bigH - 2 * H;
    const positionOf = (n: number) => Math.round(spare * (across ? n / (FRAMES - 1) : 1 - n / (FRAMES - 1)));
    // The first frame of each of the four phases (positions modulo 4), and the last.
    const picks = [0, 1, 2, 3].map((phase) => Array.from({ length: FRAMES }, (_, n) => n).find((n) => positionOf(n) % 4 === phase) as number);
    assert.equal(new Set(picks).size, 4, `every phase shows: frames ${picks.join(', ')}`);
    for (const n of [...picks, FRAMES - 1]) {
      const position = positionOf(n);
      const x = across ? position : (bigW - 2 * W) / 2;
      const y = across ? (bigH - 2 * H) / 2 : position;
      const reference = frames420(
        `[0:v]scale=${W}:${H},setsar=1,format=yuv420p,scale=${bigW}:${bigH},crop=w=${2 * W}:h=${2 * H}:x=${x}:y=${y}:exact=1,scale=${W}:${H}:flags=area[out]`,
        '[out]',
        1,
      );
      assert.ok(made.subarray(n * frameBytes, (n + 1) * frameBytes).equals(reference), `frame ${n} (position ${position}, phase ${position % 4})`);
    }
  });
}
