import { SAMPLE_RATE } from './audio-format.js';
import { envelopeAt, envelopeLength } from './envelope.js';
import { OnePoleHighpass, StateVariableFilter } from './filters.js';
import { Oscillator } from './oscillators.js';
import type { SfxParameters } from './sfx-presets.js';
import type { SeededRandom } from './seeded-random.js';
import type { SoundSource } from './sound-source.js';

/** Filters are re-tuned this often while they sweep: smooth to the ear, a tan() saved per sample. */
const CONTROL_INTERVAL = 16;
const PHASER_MAX = 2048;
const OPEN_LOWPASS = 19_000;

function sfxSeconds(parameters: SfxParameters): number {
  return envelopeLength(parameters);
}

/**
 * Plays one effect sample by sample, the way sfxr does: a pitch that slides,
 * jumps (arpeggio) and restarts (repeat), a wave, noise, a resonant low-pass and a
 * high-pass that can sweep, a short comb delay, and the punchy envelope.
 */
export class SfxSource implements SoundSource {
  readonly length: number;
  private index = 0;
  private readonly oscillator: Oscillator;
  private readonly lowpass: StateVariableFilter | null;
  private readonly highpass: OnePoleHighpass | null;
  private readonly phaser: Float32Array | null;
  private logFrequency: number;
  private slideVelocity: number;
  private restartAt: number;
  private restarts = 0;
  private sinceRestart = 0;
  private vibratoPhase = 0;
  private duty: number;

  constructor(
    private readonly p: SfxParameters,
    private readonly random: SeededRandom,
  ) {
    this.length = Math.max(1, Math.round(sfxSeconds(p) * SAMPLE_RATE));
    this.oscillator = new Oscillator(p.wave, random.fork('wave'), p.duty);
    this.lowpass = p.lowpass < OPEN_LOWPASS || p.lowpassSweep !== 0 ? new StateVariableFilter(p.lowpass, this.q()) : null;
    this.highpass = p.highpass > 0 ? new OnePoleHighpass(p.highpass) : null;
    this.phaser = p.phaser > 0 || p.phaserSweep > 0 ? new Float32Array(PHASER_MAX) : null;
    this.logFrequency = Math.log2(p.frequency);
    this.slideVelocity = p.slide;
    this.restartAt = p.repeat > 0 ? p.repeat : Infinity;
    this.duty = p.duty;
  }

  fill(out: Float32Array): void {
    const p = this.p;
    const dt = 1 / SAMPLE_RATE;
    const minLog = Math.log2(p.minFrequency);
    for (let n = 0; n < out.length; n += 1) {
      const i = this.index;
      const t = i * dt;
      if (t >= this.restartAt) this.restart(t);

      this.slideVelocity += p.deltaSlide * dt;
      this.logFrequency = Math.max(minLog, this.logFrequency + this.slideVelocity * dt);
      let frequency = 2 ** this.logFrequency;
      if (p.arpeggio !== 1 && this.sinceRestart >= p.arpeggioTime) frequency *= p.arpeggio;
      if (p.vibratoDepth > 0) {
        this.vibratoPhase += p.vibratoRate * dt;
        frequency *= 2 ** ((p.vibratoDepth / 12) * Math.sin(2 * Math.PI * this.vibratoPhase));
      }
      this.duty = Math.min(0.5, Math.max(0.05, this.duty + p.dutySweep * dt));
      this.oscillator.duty = this.duty;

      let x = this.oscillator.next(frequency);
      if (p.noise > 0) x += p.noise * this.random.bipolar();

      if (i % CONTROL_INTERVAL === 0) this.retune(t);
      if (this.lowpass) x = this.lowpass.process(x);
      if (this.highpass) x = this.highpass.process(x);
      if (this.phaser) {
        // A fractional delay, read between two samples: a sweeping whole-sample delay ticks.
        const delay = Math.min(PHASER_MAX - 2, (Math.max(0, p.phaser + p.phaserSweep * t) * SAMPLE_RATE) / 1000);
        const whole = Math.floor(delay);
        const fraction = delay - whole;
        this.phaser[i % PHASER_MAX] = x;
        const a = this.phaser[(i - whole + PHASER_MAX) % PHASER_MAX] as number;
        const b = this.phaser[(i - whole - 1 + PHASER_MAX) % PHASER_MAX] as number;
        x = 0.6 * (x + a + (b - a) * fraction);
      }

      out[n] = x * envelopeAt(p, t);
      this.sinceRestart += dt;
      this.index = i + 1;
    }
  }

  /** sfxr's repeat: the pitch, its glide and the arpeggio start over, here a little higher each time. */
  private restart(t: number): void {
    this.restarts += 1;
    this.logFrequency = Math.log2(this.p.frequency) + (this.p.repeatRise * this.restarts) / 12;
    this.slideVelocity = this.p.slide;
    this.sinceRestart = 0;
    this.restartAt = t + this.p.repeat;
  }

  private retune(t: number): void {
    const p = this.p;
    this.lowpass?.set(p.lowpass * 2 ** (p.lowpassSweep * t), this.q());
    if (this.highpass && p.highpassSweep !== 0) this.highpass.set(p.highpass * 2 ** (p.highpassSweep * t));
  }

  private q(): number {
    return 0.6 + this.p.resonance * 6;
  }
}
