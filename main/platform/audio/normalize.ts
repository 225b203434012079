import { dbToGain, peak } from './levels.js';

/** Scales a clip so its peak sits at `targetDbfs` (default -1 dBFS). Silence stays silence. */
export function normalizePeak(samples: Float32Array, targetDbfs = -1): Float32Array {
  if (targetDbfs > 0) throw new RangeError('a peak above 0 dBFS would clip');
  const current = peak(samples);
  const out = new Float32Array(samples.length);
  if (current === 0) return out;
  const gain = dbToGain(targetDbfs) / current;
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] ?? 0) * gain;
  return out;
}
