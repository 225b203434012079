import { dbToGain } from '../../platform/audio/levels.js';

/**
 * Trimming a take from a microphone. Unlike the engines' clips (trimSilence, padEdges),
 * a microphone never gives digital silence: there is room noise, breath and the click of
 * the key that started the take. So loudness is judged on short windows (RMS), a sound
 * must last a little to count, and the threshold rises above the take's own noise floor.
 */
interface RecordingTrimOptions {
  /** Windows quieter than this always count as silence (default -45 dBFS). */
  thresholdDbfs?: number;
  /** How far above the noise floor (the quietest tenth of the windows) sound must be (default 12 dB). */
  aboveFloorDb?: number;
  /** The threshold never rises above this, so a take that is all speech keeps its quiet words (default -30 dBFS). */
  ceilingDbfs?: number;
  /** Length of one loudness window (default 0.02 s). */
  windowSeconds?: number;
  /** How long a sound must last to count, so a lone click is not kept (default 0.06 s). */
  minSoundSeconds?: number;
  /** Quiet kept before the first and after the last sound (default 0.15 s), so breaths and consonants are not cut. */
  paddingSeconds?: number;
  /** Fade at a cut edge, so the cut does not click (default 0.01 s). */
  fadeSeconds?: number;
}

/** Where the kept part lies, in samples (`end` exclusive); start === end for a take with no sound. */
interface TrimBounds {
  start: number;
  end: number;
}

/** Float samples in -1..1, or 16-bit ones as the WAV holds them (a long take stays at two bytes a sample). */
type Samples = Float32Array | Int16Array;

function windowLevels(samples: Samples, size: number): Float64Array {
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  const count = Math.ceil(samples.length / size);
  const levels = new Float64Array(count);
  for (let w = 0; w < count; w++) {
    const from = w * size;
    const to = Math.min(samples.length, from + size);
    let sum = 0;
    for (let i = from; i < to; i++) sum += (samples[i] as number) ** 2;
    levels[w] = Math.sqrt(sum / Math.max(1, to - from)) * scale;
  }
  return levels;
}

/** The level sound must pass: the absolute threshold, or the noise floor plus a margin, capped by the ceiling. */
function thresholdFor(levels: Float64Array, options: RecordingTrimOptions): number {
  const absolute = dbToGain(options.thresholdDbfs ?? -45);
  if (levels.length === 0) return absolute;
  const sorted = Float64Array.from(levels).sort();
  const floor = sorted[Math.floor(sorted.length / 10)] as number;
  const adaptive = floor * dbToGain(options.aboveFloorDb ?? 12);
  return Math.max(absolute, Math.min(adaptive, dbToGain(options.ceilingDbfs ?? -30)));
}

/** The part of a take worth keeping: from a little before its first lasting sound to a little after its last. */
export function recordingBounds(samples: Samples, sampleRate: number, options: RecordingTrimOptions = {}): TrimBounds {
  const size = Math.max(1, Math.round((options.windowSeconds ?? 0.02) * sampleRate));
  const levels = windowLevels(samples, size);
  const threshold = thresholdFor(levels, options);
  const run = Math.min(levels.length, Math.max(1, Math.ceil(((options.minSoundSeconds ?? 0.06) * sampleRate) / size)));
  const loud = (w: number) => (levels[w] as number) > threshold;
  const lasting = (from: number) => {
    for (let w = from; w < from + run; w++) if (!loud(w)) return false;
    return true;
  };
  let first = -1;
  for (let w = 0; w + run <= levels.length && first < 0; w++) if (lasting(w)) first = w;
  if (first < 0) return { start: 0, end: 0 };
  let last = first + run - 1;
  for (let w = levels.length - run; w > first; w--) {
    if (lasting(w)) {
      last = w + run - 1;
      break;
    }
  }
  const pad = Math.round((options.paddingSeconds ?? 0.15) * sampleRate);
  return { start: Math.max(0, first * size - pad), end: Math.min(samples.length, (last + 1) * size + pad) };
}

/** The take with its leading and trailing silence cut (short fades where something was cut); no samples when it has no sound. */
export function trimRecording<T extends Samples>(samples: T, sampleRate: number, options: RecordingTrimOptions = {}): TrimBounds & { samples: T } {
  const { start, end } = recordingBounds(samples, sampleRate, options);
  const kept = samples.slice(start, end) as T;
  const fade = Math.min(Math.floor(kept.length / 2), Math.round((options.fadeSeconds ?? 0.01) * sampleRate));
  for (let i = 0; i < fade; i++) {
    const gain = i / fade;
    if (start > 0) kept[i] = (kept[i] as number) * gain;
    if (end < samples.length) kept[kept.length - 1 - i] = (kept[kept.length - 1 - i] as number) * gain;
  }
  return { samples: kept, start, end };
}
