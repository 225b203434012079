import { AtelierError } from '../../../preload/errors.js';
import { joinFloatWithGaps, type Clip } from '../../platform/audio/wav.js';

/** Linear-interpolation resampling: enough for speech and effects joined into one clip. */
export function resample(samples: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return samples.slice();
  const length = Math.round((samples.length * to) / from);
  const out = new Float32Array(length);
  const step = from / to;
  for (let i = 0; i < length; i++) {
    const position = i * step;
    const left = Math.floor(position);
    const frac = position - left;
    const a = samples[left] ?? 0;
    const b = samples[Math.min(samples.length - 1, left + 1)] ?? a;
    out[i] = a + (b - a) * frac;
  }
  return out;
}

interface ConcatOptions {
  /** Silence between clips (default none). */
  gapSeconds?: number;
  /** What to do when sample rates differ: resample to the first clip's rate (default) or refuse. */
  onRateMismatch?: 'resample' | 'refuse';
}

/** Joins clips end to end at the first clip's sample rate. */
export function concatenate(clips: readonly Clip[], options: ConcatOptions = {}): Clip {
  const first = clips[0];
  if (!first) throw new AtelierError('INVALID_INPUT', 'nothing to join.');
  const rate = first.sampleRate;
  const parts = clips.map((clip) => {
    if (clip.sampleRate === rate) return clip.samples;
    if (options.onRateMismatch === 'refuse') {
      throw new AtelierError('INVALID_INPUT', `clips have different sample rates (${rate} Hz and ${clip.sampleRate} Hz).`);
    }
    return resample(clip.samples, clip.sampleRate, rate);
  });
  const gap = Math.round((options.gapSeconds ?? 0) * rate);
  return { samples: joinFloatWithGaps(parts, gap), sampleRate: rate };
}
