/** Largest magnitude, 0..1. */
export function peak(samples: Float32Array): number {
  let p = 0;
  for (const v of samples) {
    const m = Math.abs(v);
    if (m > p) p = m;
  }
  return p;
}

export function rms(samples: Float32Array, start = 0, end = samples.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, end - start));
}

export const dbToGain = (db: number): number => 10 ** (db / 20);
export const gainToDb = (gain: number): number => 20 * Math.log10(gain);
