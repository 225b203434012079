import { dbToGain } from './levels.js';

/** Quieter than this (after the peak is set) counts as silence at a clip's ends: 44 dB under a -1 dBFS peak. */
export const SPEECH_SILENCE_DBFS = -45;
/** Silence every spoken clip starts and ends with, whatever the engine left there. */
export const SPEECH_EDGE_PAD_SECONDS = 0.1;

/** Where the sound is: the first and last sample louder than the threshold, or undefined for a silent clip. */
export function soundSpan(samples: Float32Array, thresholdDbfs = SPEECH_SILENCE_DBFS): { first: number; last: number } | undefined {
  const threshold = dbToGain(thresholdDbfs);
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] as number) <= threshold) first++;
  if (first === samples.length) return undefined;
  let last = samples.length - 1;
  while (Math.abs(samples[last] as number) <= threshold) last--;
  return { first, last };
}

/**
 * The clip with exactly `pad` samples before its first and after its last loud sample:
 * longer silence is cut; where the engine left less, the clip's own quiet start is kept
 * and zeros make up the rest, so every clip starts and ends alike. Unlike trimSilence's
 * "at most", an exact pad makes clips joined in a row pause evenly. A silent clip gives
 * two pads of silence.
 */
export function padEdges(samples: Float32Array, sampleRate: number, padSeconds = SPEECH_EDGE_PAD_SECONDS, thresholdDbfs = SPEECH_SILENCE_DBFS): Float32Array {
  const pad = Math.round(padSeconds * sampleRate);
  const span = soundSpan(samples, thresholdDbfs);
  if (!span) return new Float32Array(2 * pad);
  const from = Math.max(0, span.first - pad);
  const to = Math.min(samples.length, span.last + 1 + pad);
  const lead = pad - (span.first - from);
  const out = new Float32Array(2 * pad + (span.last + 1 - span.first));
  out.set(samples.subarray(from, to), lead);
  return out;
}
