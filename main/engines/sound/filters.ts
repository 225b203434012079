import { SAMPLE_RATE } from './audio-format.js';

const MAX_CUTOFF = SAMPLE_RATE * 0.45;
const MIN_CUTOFF = 10;

function clampCutoff(hz: number): number {
  return Math.min(MAX_CUTOFF, Math.max(MIN_CUTOFF, hz));
}

/**
 * A state-variable filter (Andrew Simper's trapezoidal form): low, band and high
 * pass from one pass, stable while the cutoff moves, which sweeps need. Setting
 * the cutoff costs a tan(), so sweeping callers update it every few samples.
 */
export class StateVariableFilter {
  low = 0;
  band = 0;
  high = 0;
  private ic1 = 0;
  private ic2 = 0;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private k = 0;

  constructor(cutoffHz: number, q = Math.SQRT1_2) {
    this.set(cutoffHz, q);
  }

  /** q 0.5 is gentle, 0.707 flat, 5 and up rings at the cutoff. */
  set(cutoffHz: number, q: number): void {
    const g = Math.tan((Math.PI * clampCutoff(cutoffHz)) / SAMPLE_RATE);
    this.k = 1 / Math.max(0.05, q);
    this.a1 = 1 / (1 + g * (g + this.k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
  }

  /** Filters one sample; returns the low-pass output and leaves band and high in the fields. */
  process(input: number): number {
    const v3 = input - this.ic2;
    const v1 = this.a1 * this.ic1 + this.a2 * v3;
    const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    this.low = v2;
    this.band = v1;
    this.high = input - this.k * v1 - v2;
    return v2;
  }
}

/** A one-pole low-pass: the cheap smoother for control signals and gentle tone shaping. */
export class OnePoleLowpass {
  value = 0;
  private coefficient = 0;

  constructor(cutoffHz: number, initial = 0) {
    this.set(cutoffHz);
    this.value = initial;
  }

  set(cutoffHz: number): void {
    this.coefficient = 1 - Math.exp((-2 * Math.PI * clampCutoff(cutoffHz)) / SAMPLE_RATE);
  }

  process(input: number): number {
    this.value += this.coefficient * (input - this.value);
    return this.value;
  }
}

/** A one-pole high-pass: takes out rumble and the DC an asymmetric wave leaves. */
export class OnePoleHighpass {
  private readonly lowpass: OnePoleLowpass;

  constructor(cutoffHz: number) {
    this.lowpass = new OnePoleLowpass(cutoffHz);
  }

  set(cutoffHz: number): void {
    this.lowpass.set(cutoffHz);
  }

  process(input: number): number {
    return input - this.lowpass.process(input);
  }
}
