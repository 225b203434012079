/** How far back from a window's end a cut is looked for. */
const SEARCH_SECONDS = 4;
const FRAME_SECONDS = 0.1;

/**
 * Where to end a window of audio that has no detector to say where speech pauses: the
 * middle of its quietest 100 ms frame within the last four seconds, so a cut falls
 * between words rather than through one. Returns a sample count in 1…samples.length.
 */
export function quietestCut(samples: Float32Array, sampleRate: number): number {
  const frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRate));
  const from = Math.max(0, samples.length - Math.round(SEARCH_SECONDS * sampleRate));
  let best = samples.length;
  let bestEnergy = Infinity;
  for (let start = from; start + frame <= samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i += 1) energy += (samples[i] as number) ** 2;
    // `<=` prefers the later of equally quiet frames: the longer window.
    if (energy <= bestEnergy) {
      bestEnergy = energy;
      best = start + Math.floor(frame / 2);
    }
  }
  return Math.min(samples.length, Math.max(1, best));
}
