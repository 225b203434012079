import { SAMPLE_RATE } from './audio-format.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * A slow control signal in 0..1 that wanders: a new random target every
 * `intervalSeconds` (give or take), eased into with a cosine so it never steps.
 * Gusts of wind, the swell of rain and the breathing of a drone all ride on it.
 */
export class RandomDrift {
  private from: number;
  private to: number;
  private position = 0;
  private span: number;

  constructor(
    private readonly random: SeededRandom,
    private readonly intervalSeconds: number,
  ) {
    this.from = random.next();
    this.to = random.next();
    this.span = this.nextSpan();
  }

  /** Advances `samples` samples (1 per audio sample, or a control block at once) and returns the value there. */
  advance(samples = 1): number {
    this.position += samples;
    while (this.position >= this.span) {
      this.position -= this.span;
      this.from = this.to;
      this.to = this.random.next();
      this.span = this.nextSpan();
    }
    const eased = 0.5 - 0.5 * Math.cos((Math.PI * this.position) / this.span);
    return this.from + (this.to - this.from) * eased;
  }

  private nextSpan(): number {
    return Math.max(1, Math.round(this.random.range(0.6, 1.4) * this.intervalSeconds * SAMPLE_RATE));
  }
}
