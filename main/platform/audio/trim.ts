import { dbToGain } from './levels.js';

interface TrimOptions {
  /** Samples quieter than this count as silence (default -50 dBFS). */
  thresholdDbfs?: number;
  /** Silence kept before the first and after the last loud sample (default 0.05 s). */
  paddingSeconds?: number;
}

/** Cuts leading and trailing silence, keeping a little padding. All silence gives an empty clip. */
export function trimSilence(samples: Float32Array, sampleRate: number, options: TrimOptions = {}): Float32Array {
  const threshold = dbToGain(options.thresholdDbfs ?? -50);
  const pad = Math.round((options.paddingSeconds ?? 0.05) * sampleRate);
  let first = -1;
  let last = -1;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i] ?? 0) > threshold) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return new Float32Array(0);
  return samples.slice(Math.max(0, first - pad), Math.min(samples.length, last + 1 + pad));
}
