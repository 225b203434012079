import { mixWithDucking } from '../audio/duck.js';
import { CROSSFADE_SECONDS } from '../../../preload/video-motion.js';
import type { TimelineScene } from './video-timeline.js';

/** Sound beds sit this far under the narration when nobody speaks, and duck further under speech. */
const BED_DB = -8;

function asBuffer(track: Float32Array): Buffer {
  return Buffer.from(track.buffer, track.byteOffset, track.byteLength);
}

/**
 * The scenes' soundtrack as raw 32-bit float mono: narrations at their places, each
 * scene's bed looped under it and ducked; and the narration alone (the music bed's key).
 * A narration longer than its scene is cut at the scene's end.
 */
export function mixScenes(
  scenes: readonly TimelineScene[],
  total: number,
  narrations: readonly (Float32Array | undefined)[],
  beds: readonly (Float32Array | undefined)[],
  sampleRate: number,
): { mix: Buffer; voice: Buffer } {
  const track = new Float32Array(Math.ceil(total * sampleRate));
  const voiceTrack = new Float32Array(track.length);
  scenes.forEach((scene, i) => {
    const from = Math.round(scene.start * sampleRate);
    const length = Math.max(0, Math.min(Math.round(scene.duration * sampleRate), track.length - from));
    const voice = new Float32Array(length);
    const narration = narrations[i];
    const offset = Math.round((scene.narrationAt - scene.start) * sampleRate);
    if (narration) voice.set(narration.subarray(0, Math.max(0, length - offset)), Math.min(offset, length));
    const bedSource = beds[i];
    let segment: Float32Array = voice;
    if (bedSource && bedSource.length > 0) {
      // The bed loops to fill the scene and fades in and out with the picture.
      const bed = new Float32Array(length);
      const ramp = Math.round(CROSSFADE_SECONDS * sampleRate);
      for (let n = 0; n < length; n++) bed[n] = (bedSource[n % bedSource.length] ?? 0) * Math.min(1, n / ramp, (length - n) / ramp);
      segment = mixWithDucking(voice, bed, sampleRate, { bedDb: BED_DB }).mix;
    }
    for (let n = 0; n < length; n++) {
      track[from + n] = Math.max(-1, Math.min(1, (track[from + n] ?? 0) + (segment[n] ?? 0)));
      voiceTrack[from + n] = Math.max(-1, Math.min(1, (voiceTrack[from + n] ?? 0) + (voice[n] ?? 0)));
    }
  });
  return { mix: asBuffer(track), voice: asBuffer(voiceTrack) };
}
