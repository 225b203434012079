import { SAMPLE_RATE } from './audio-format.js';
import type { SeededRandom } from './seeded-random.js';

export type Waveform = 'square' | 'saw' | 'triangle' | 'sine' | 'noise';

const NYQUIST_GUARD = SAMPLE_RATE * 0.45;
const TWO_PI = Math.PI * 2;
/** sfxr's noise: 32 random values per period, so the noise has a pitch that can slide. */
const NOISE_STEPS = 32;

/**
 * PolyBLEP: the step of a square or saw rounded over one sample either side, which
 * takes the harsh aliasing out of high notes at the cost of two multiplies.
 */
function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/** One voice of the synth: call `next(frequency)` once per sample. */
export class Oscillator {
  private phase = 0;
  private readonly noise = new Float64Array(NOISE_STEPS);

  constructor(
    readonly waveform: Waveform,
    private readonly random: SeededRandom,
    /** Fraction of the period the square is high, 0.5 is a plain square. */
    public duty = 0.5,
    phase = 0,
  ) {
    this.phase = phase;
    if (waveform === 'noise') this.refillNoise();
  }

  next(frequency: number): number {
    const dt = Math.min(Math.max(frequency, 1), NYQUIST_GUARD) / SAMPLE_RATE;
    const t = this.phase;
    let value: number;
    switch (this.waveform) {
      case 'sine':
        value = Math.sin(TWO_PI * t);
        break;
      case 'triangle':
        value = 1 - 4 * Math.abs(t - 0.5);
        break;
      case 'saw':
        value = 2 * t - 1 - polyBlep(t, dt);
        break;
      case 'square': {
        const duty = this.duty;
        value = (t < duty ? 1 : -1) + polyBlep(t, dt) - polyBlep((t - duty + 1) % 1, dt);
        // Keep the average at zero whatever the duty, so narrow pulses do not thump.
        value += 1 - 2 * duty;
        break;
      }
      case 'noise':
        value = this.noise[Math.min(NOISE_STEPS - 1, Math.floor(t * NOISE_STEPS))] as number;
        break;
    }
    this.phase = t + dt;
    if (this.phase >= 1) {
      this.phase -= Math.floor(this.phase);
      if (this.waveform === 'noise') this.refillNoise();
    }
    return value;
  }

  /** Starts the period again, as sfxr does when a repeat restarts a sound. */
  resetPhase(): void {
    this.phase = 0;
  }

  private refillNoise(): void {
    for (let i = 0; i < NOISE_STEPS; i += 1) this.noise[i] = this.random.bipolar();
  }
}

/** A MIDI note number as a frequency: 69 is A4, 440 Hz. */
export function midiToHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}
