/**
 * What every synth sound is: a known number of samples handed out block by block,
 * so a ten-minute ambience never needs more than one block of floating point at once.
 */
export interface SoundSource {
  /** Total samples, fixed before the first block. */
  readonly length: number;
  /** Writes the next `out.length` samples (the caller never asks past `length`). */
  fill(out: Float32Array): void;
}

/** Makes a fresh source from the start; the same inputs must give the same samples every time. */
export type SoundSourceFactory = () => SoundSource;
