/**
 * A clip's outline for the waveform: the lowest and highest sample in each of a
 * fixed number of buckets, computed once per clip. The canvas then only merges
 * buckets into pixels, so redrawing the playhead never walks the samples again.
 */
export interface ClipPeaks {
  /** Seconds. */
  duration: number;
  /** min[i], max[i] of bucket i, each in −1..1. */
  min: Float32Array;
  max: Float32Array;
}

/** Enough for a sharp outline on a wide 2× screen; a 5-minute clip is ~150 ms of audio per bucket. */
const PEAK_BUCKETS = 2048;

/** `channels` are the decoded channels (all the same length); stereo is folded into one outline. */
export function computePeaks(channels: readonly Float32Array[], sampleRate: number, buckets = PEAK_BUCKETS): ClipPeaks {
  const length = channels[0]?.length ?? 0;
  const count = Math.max(1, Math.min(buckets, length));
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  for (let b = 0; b < count; b += 1) {
    const start = Math.floor((b * length) / count);
    const end = Math.max(start + 1, Math.floor(((b + 1) * length) / count));
    let low = length === 0 ? 0 : 1;
    let high = length === 0 ? 0 : -1;
    for (const data of channels) {
      for (let i = start; i < end && i < length; i += 1) {
        const value = data[i] as number;
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
    min[b] = low;
    max[b] = high;
  }
  return { duration: sampleRate > 0 ? length / sampleRate : 0, min, max };
}

/** The outline at `columns` pixels wide: each column the extremes of the buckets under it. */
export function peaksForWidth(peaks: ClipPeaks, columns: number): { min: Float32Array; max: Float32Array } {
  const width = Math.max(1, Math.floor(columns));
  const min = new Float32Array(width);
  const max = new Float32Array(width);
  const count = peaks.min.length;
  for (let x = 0; x < width; x += 1) {
    const start = Math.floor((x * count) / width);
    const end = Math.max(start + 1, Math.floor(((x + 1) * count) / width));
    let low = 1;
    let high = -1;
    for (let b = start; b < end && b < count; b += 1) {
      low = Math.min(low, peaks.min[b] as number);
      high = Math.max(high, peaks.max[b] as number);
    }
    min[x] = low > high ? 0 : low;
    max[x] = low > high ? 0 : high;
  }
  return { min, max };
}
