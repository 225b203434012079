/** Every clip the synth makes: 44.1 kHz, mono, 16-bit PCM, the format any player or editor opens. */
export const SAMPLE_RATE = 44_100;

/** About −1 dBFS: loud, with a little room so a lossy re-encode does not clip. */
export const TARGET_PEAK = 10 ** (-1 / 20);

export function secondsToSamples(seconds: number): number {
  return Math.round(seconds * SAMPLE_RATE);
}
