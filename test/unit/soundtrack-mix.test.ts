import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { mixWithDucking } from '../../main/core/audio/duck.js';
import { writeSceneMix } from '../../main/core/export/soundtrack-mix.js';
import { planTimeline, type TimelineScene } from '../../main/core/export/video-timeline.js';
import { CROSSFADE_SECONDS } from '../../preload/video-motion.js';

const RATE = 8000;
let dir: string;

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-mix-'));
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A loud tone with pauses, so sums clip at ±1 and the bed ducks under it and rises between words. */
function speech(seconds: number, frequency: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let n = 0; n < out.length; n++) out[n] = Math.floor(n / (RATE / 4)) % 3 === 2 ? 0 : 0.9 * Math.sin((2 * Math.PI * frequency * n) / RATE);
  return out;
}

/**
 * The mix made the plain way, into two whole tracks at once: what the streamed writer must
 * equal sample for sample (the same sums, clamped in the same order).
 */
function wholeTracks(scenes: readonly TimelineScene[], total: number, narrations: (Float32Array | undefined)[], beds: (Float32Array | undefined)[]) {
  const mix = new Float32Array(Math.ceil(total * RATE));
  const voice = new Float32Array(mix.length);
  scenes.forEach((scene, i) => {
    const from = Math.round(scene.start * RATE);
    const length = Math.max(0, Math.min(Math.round(scene.duration * RATE), mix.length - from));
    const own = new Float32Array(length);
    const offset = Math.round((scene.narrationAt - scene.start) * RATE);
    const narration = narrations[i];
    if (narration) own.set(narration.subarray(0, Math.max(0, length - offset)), Math.min(offset, length));
    let withBed: Float32Array = own;
    const bed = beds[i];
    if (bed) {
      const ramp = Math.round(CROSSFADE_SECONDS * RATE);
      const looped = own.map((_, n) => (bed[n % bed.length] ?? 0) * Math.min(1, n / ramp, (length - n) / ramp));
      withBed = mixWithDucking(own, looped, RATE, { bedDb: -8 }).mix;
    }
    for (let n = 0; n < length; n++) {
      mix[from + n] = Math.max(-1, Math.min(1, (mix[from + n] ?? 0) + (withBed[n] ?? 0)));
      voice[from + n] = Math.max(-1, Math.min(1, (voice[from + n] ?? 0) + (own[n] ?? 0)));
    }
  });
  return { mix, voice };
}

async function written(name: string): Promise<Float32Array> {
  const bytes = await fs.readFile(path.join(dir, name));
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function assertSame(actual: Float32Array, expected: Float32Array, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const differs = actual.findIndex((v, n) => v !== expected[n]);
  assert.equal(differs, -1, `${what}: sample ${differs} is ${actual[differs]}, the whole-track mix has ${expected[differs]}`);
}

test('the streamed mix equals the whole-track mix: cross-fades overlap, a cut, a bed, a narration cut at its scene’s end, a silent scene', async () => {
  const narrations = [speech(2.2, 330), speech(1.4, 440), undefined, speech(3, 550), speech(1, 660)];
  // The fourth narration is longer than the fixed length its scene is given, so it is cut.
  const { scenes, total } = planTimeline([2.2, 1.4, undefined, 3, 1], [undefined, { transition: 'cut' }, undefined, { durationSeconds: 2 }]);
  const beds = [undefined, speech(0.7, 110), speech(0.3, 90), undefined, undefined];
  const files = { mix: path.join(dir, 'a-mix.f32'), voice: path.join(dir, 'a-voice.f32') };
  await writeSceneMix(scenes, total, { narrations, beds }, RATE, files);
  const expected = wholeTracks(scenes, total, narrations, beds);
  assertSame(await written('a-mix.f32'), expected.mix, 'mix');
  assertSame(await written('a-voice.f32'), expected.voice, 'voice');
  assert.ok(
    expected.mix.some((v, n) => v !== expected.voice[n]),
    'the beds are in the mix and not in the voice',
  );
});

test('scenes out of timeline order, a gap of silence and a scene past the end are written as the whole-track mix', async () => {
  const scene = (start: number, duration: number): TimelineScene => ({ start, duration, narrationAt: start, transition: 'cut', overlap: 0 });
  // The second scene starts before the first ends and the third before both; the last lies past `total`.
  const scenes = [scene(1, 2), scene(2.5, 1), scene(0.5, 1), scene(9, 1)];
  const narrations = [speech(2, 200), speech(1, 300), speech(1, 400), speech(1, 500)];
  const files = { mix: path.join(dir, 'b-mix.f32'), voice: path.join(dir, 'b-voice.f32') };
  await writeSceneMix(scenes, 6, { narrations, beds: [] }, RATE, files);
  const expected = wholeTracks(scenes, 6, narrations, []);
  assertSame(await written('b-mix.f32'), expected.mix, 'mix');
  assertSame(await written('b-voice.f32'), expected.voice, 'voice');
  assert.ok(
    expected.mix.some((v) => Math.abs(v) === 1),
    'overlapping narrations clip, so the order of the clamps counts',
  );
});

test('a cancelled export stops mixing with CANCELLED', async () => {
  const { scenes, total } = planTimeline([1, 1]);
  const controller = new AbortController();
  controller.abort();
  const files = { mix: path.join(dir, 'c-mix.f32'), voice: path.join(dir, 'c-voice.f32') };
  await assert.rejects(writeSceneMix(scenes, total, { narrations: [speech(1, 300), speech(1, 300)], beds: [] }, RATE, files, controller.signal), {
    code: 'CANCELLED',
  });
});
