/**
 * Linear fade in over `inSeconds` (the first sample is 0) and fade out over `outSeconds`
 * (the last sample is 0). Fades longer than the clip are shortened to fit.
 */
export function fade(samples: Float32Array, sampleRate: number, inSeconds: number, outSeconds: number): Float32Array {
  const out = samples.slice();
  const n = out.length;
  const fadeIn = Math.min(n, Math.round(inSeconds * sampleRate));
  const fadeOut = Math.min(n, Math.round(outSeconds * sampleRate));
  for (let i = 0; i < fadeIn; i++) out[i] = (out[i] ?? 0) * (i / fadeIn);
  for (let i = 0; i < fadeOut; i++) {
    const index = n - 1 - i;
    out[index] = (out[index] ?? 0) * (i / fadeOut);
  }
  return out;
}
