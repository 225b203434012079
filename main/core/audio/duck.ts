import { dbToGain } from '../../platform/audio/levels.js';

interface DuckOptions {
  /** Narration louder than this (its envelope) ducks the bed (default -40 dBFS). */
  thresholdDbfs?: number;
  /** How far the bed drops under narration (default -12 dB). */
  duckDb?: number;
  /** The bed's level when nothing is said (default 0 dB). */
  bedDb?: number;
  /** Time for the bed to go down, and to come back up (defaults 0.05 s and 0.4 s). */
  attackSeconds?: number;
  releaseSeconds?: number;
  /** How long narration must stay quiet before the bed comes back (default 0.25 s). */
  holdSeconds?: number;
}

/**
 * Mixes a narration over a bed at one sample rate. The bed's gain follows a smoothed
 * envelope of the narration: it glides down to `duckDb` while the narration is above the
 * threshold and back up after it. The result is as long as the longer input, limited
 * to -1..1. Returns the mix and the bed gain per sample (for tests and waveforms).
 */
export function mixWithDucking(
  narration: Float32Array,
  bed: Float32Array,
  sampleRate: number,
  options: DuckOptions = {},
): { mix: Float32Array; bedGain: Float32Array } {
  const threshold = dbToGain(options.thresholdDbfs ?? -40);
  const high = dbToGain(options.bedDb ?? 0);
  const low = high * dbToGain(options.duckDb ?? -12);
  const attack = 1 - Math.exp(-1 / Math.max(1, (options.attackSeconds ?? 0.05) * sampleRate));
  const release = 1 - Math.exp(-1 / Math.max(1, (options.releaseSeconds ?? 0.4) * sampleRate));
  const hold = Math.round((options.holdSeconds ?? 0.25) * sampleRate);
  // The envelope: a peak follower with a 10 ms decay, so gaps between words don't pump.
  const envelopeDecay = Math.exp(-1 / (0.01 * sampleRate));
  const length = Math.max(narration.length, bed.length);
  const mix = new Float32Array(length);
  const bedGain = new Float32Array(length);
  let envelope = 0;
  let gain = high;
  let quietFor = hold;
  for (let i = 0; i < length; i++) {
    const voice = narration[i] ?? 0;
    envelope = Math.max(Math.abs(voice), envelope * envelopeDecay);
    quietFor = envelope > threshold ? 0 : quietFor + 1;
    const target = quietFor < hold ? low : high;
    gain += (target - gain) * (target < gain ? attack : release);
    bedGain[i] = gain;
    mix[i] = Math.max(-1, Math.min(1, voice + (bed[i] ?? 0) * gain));
  }
  return { mix, bedGain };
}
