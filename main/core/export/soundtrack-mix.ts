import fs from 'node:fs/promises';
import { mixWithDucking } from '../audio/duck.js';
import { AtelierError } from '../../../preload/errors.js';
import { CROSSFADE_SECONDS } from '../../../preload/video-motion.js';
import type { TimelineScene } from './video-timeline.js';

/** Sound beds sit this far under the narration when nobody speaks, and duck further under speech. */
const BED_DB = -8;
/** The silent stretches (after the last scene) are written this many samples at a time. */
const SILENCE_CHUNK = 1 << 16;

/** One scene's sound, `length` samples from its start: the narration alone, and with its bed under it. */
function sceneSound(
  scene: TimelineScene,
  narration: Float32Array | undefined,
  bedSource: Float32Array | undefined,
  length: number,
  sampleRate: number,
): { voice: Float32Array; mixed: Float32Array } {
  const voice = new Float32Array(length);
  const offset = Math.round((scene.narrationAt - scene.start) * sampleRate);
  if (narration) voice.set(narration.subarray(0, Math.max(0, length - offset)), Math.min(offset, length));
  if (!bedSource || bedSource.length === 0) return { voice, mixed: voice };
  // The bed loops to fill the scene and fades in and out with the picture.
  const bed = new Float32Array(length);
  const ramp = Math.round(CROSSFADE_SECONDS * sampleRate);
  for (let n = 0; n < length; n++) bed[n] = (bedSource[n % bedSource.length] ?? 0) * Math.min(1, n / ramp, (length - n) / ramp);
  return { voice, mixed: mixWithDucking(voice, bed, sampleRate, { bedDb: BED_DB }).mix };
}

/** The samples of `track` not yet written, from `base` on: grown as scenes land, cut as they are written. */
class Pending {
  base = 0;
  samples = new Float32Array(0);

  /** Makes room up to sample `end` (exclusive). */
  reach(end: number): void {
    if (end - this.base <= this.samples.length) return;
    const grown = new Float32Array(end - this.base);
    grown.set(this.samples);
    this.samples = grown;
  }

  /** Adds `sound` from sample `from`, each sum held within [-1, 1]. */
  add(sound: Float32Array, from: number): void {
    const at = from - this.base;
    for (let n = 0; n < sound.length; n++) this.samples[at + n] = Math.max(-1, Math.min(1, (this.samples[at + n] ?? 0) + (sound[n] ?? 0)));
  }

  /** Hands over the samples before `end` (zeros where nothing landed) and forgets them. */
  take(end: number): Float32Array {
    const count = end - this.base;
    const out = new Float32Array(count);
    out.set(this.samples.subarray(0, count));
    this.samples = this.samples.slice(Math.min(count, this.samples.length));
    this.base = end;
    return out;
  }
}

function bytesOf(samples: Float32Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

/**
 * Writes the scenes' soundtrack as raw 32-bit float mono into `files.mix`, and the narration
 * alone (the music bed's key) into `files.voice`: narrations at their places, each scene's
 * bed looped under it and ducked. A narration longer than its scene is cut at the scene's end.
 *
 * Scene by scene: once no later scene starts before a sample, that sample is final and is
 * written, so the studio holds about one scene's sound, not two whole tracks (a 30-minute
 * video is 350 MB a track), and the event loop runs between scenes. The sums, and the order
 * they are clamped in, are those of mixing into whole tracks.
 */
export async function writeSceneMix(
  scenes: readonly TimelineScene[],
  total: number,
  sounds: { narrations: readonly (Float32Array | undefined)[]; beds: readonly (Float32Array | undefined)[] },
  sampleRate: number,
  files: { mix: string; voice: string },
  signal?: AbortSignal,
): Promise<void> {
  const length = Math.ceil(total * sampleRate);
  const starts = scenes.map((scene) => Math.round(scene.start * sampleRate));
  // The earliest start among scene i and those after it: nothing before it changes again.
  const settledBefore = [...starts];
  for (let i = starts.length - 1; i >= 0; i--) settledBefore[i] = Math.min(length, starts[i] as number, settledBefore[i + 1] ?? length);
  const mix = new Pending();
  const voice = new Pending();
  const [mixOut, voiceOut] = await Promise.all([fs.open(files.mix, 'w'), fs.open(files.voice, 'w')]);
  const write = async (end: number) => {
    if (end <= mix.base) return;
    await Promise.all([mixOut.write(bytesOf(mix.take(end))), voiceOut.write(bytesOf(voice.take(end)))]);
  };
  try {
    for (const [i, scene] of scenes.entries()) {
      if (signal?.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      await write(settledBefore[i] as number);
      const from = starts[i] as number;
      const sceneLength = Math.max(0, Math.min(Math.round(scene.duration * sampleRate), length - from));
      if (sceneLength === 0) continue;
      const sound = sceneSound(scene, sounds.narrations[i], sounds.beds[i], sceneLength, sampleRate);
      mix.reach(from + sceneLength);
      voice.reach(from + sceneLength);
      mix.add(sound.mixed, from);
      voice.add(sound.voice, from);
    }
    // The rest, silence included after the last sound, in pieces of a bounded size.
    while (mix.base < length) await write(Math.min(length, mix.base + Math.max(SILENCE_CHUNK, mix.samples.length)));
  } finally {
    await Promise.all([mixOut.close(), voiceOut.close()]);
  }
}
