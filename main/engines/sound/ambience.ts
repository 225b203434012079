import type { AmbiencePreset } from '../../../preload/schemas/sound.js';
import { SAMPLE_RATE, secondsToSamples } from './audio-format.js';
import { OnePoleHighpass, OnePoleLowpass, StateVariableFilter } from './filters.js';
import { midiToHz, Oscillator, type Waveform } from './oscillators.js';
import { RandomDrift } from './random-drift.js';
import { randomFor, type SeededRandom } from './seeded-random.js';
import type { SoundSource } from './sound-source.js';

/** Filters that move are re-tuned every this many samples (0.7 ms): smooth, and a tan() per block of 32. */
const CONTROL_INTERVAL = 32;

/** A bed of ambience of any length, streamed block by block. */
export function ambienceSource(preset: AmbiencePreset, seconds: number, seed: number): SoundSource {
  const length = secondsToSamples(seconds);
  const random = randomFor(`ambience:${preset}`, seed);
  switch (preset) {
    case 'rain':
      return new RainSource(length, random);
    case 'wind':
      return new WindSource(length, random);
    case 'drone':
      return new DroneSource(length, random);
  }
}

/** A controlled block loop: `sample(i)` per sample, `control(i)` every CONTROL_INTERVAL samples. */
abstract class StreamedSource implements SoundSource {
  private index = 0;

  constructor(readonly length: number) {}

  fill(out: Float32Array): void {
    for (let n = 0; n < out.length; n += 1) {
      if (this.index % CONTROL_INTERVAL === 0) this.control();
      out[n] = this.sample();
      this.index += 1;
    }
  }

  protected abstract control(): void;
  protected abstract sample(): number;
}

const MAX_DROPS = 48;

/**
 * Rain: a hiss of band-limited noise that swells and eases, a soft low body, and
 * droplets: short sine "plinks" that rise in pitch as they fade (the bubble a drop
 * traps), arriving at random like real drops (a Poisson process), a few of them heavy.
 */
class RainSource extends StreamedSource {
  private readonly noise: SeededRandom;
  private readonly drops: SeededRandom;
  private readonly hissHigh = new StateVariableFilter(700, 0.6);
  private readonly hissLow = new StateVariableFilter(5200, 0.6);
  private readonly body = new StateVariableFilter(320, 0.7);
  private readonly swell: RandomDrift;
  private readonly dropRate: number;
  private readonly heavyRate: number;
  private readonly hissLevel: number;
  private intensity = 1;
  private untilDrop: number;
  private untilHeavy: number;
  // The active droplets, as parallel arrays: phase, frequency, chirp per sample, amplitude, decay per sample.
  private readonly dropPhase = new Float64Array(MAX_DROPS);
  private readonly dropFrequency = new Float64Array(MAX_DROPS);
  private readonly dropChirp = new Float64Array(MAX_DROPS);
  private readonly dropAmplitude = new Float64Array(MAX_DROPS);
  private readonly dropDecay = new Float64Array(MAX_DROPS);
  private activeDrops = 0;

  constructor(length: number, random: SeededRandom) {
    super(length);
    this.noise = random.fork('noise');
    this.drops = random.fork('drops');
    this.swell = new RandomDrift(random.fork('swell'), 5);
    this.dropRate = random.range(18, 55);
    this.heavyRate = random.range(0.8, 3);
    this.hissLevel = random.range(0.3, 0.45);
    this.untilDrop = this.drops.exponential(this.dropRate) * SAMPLE_RATE;
    this.untilHeavy = this.drops.exponential(this.heavyRate) * SAMPLE_RATE;
  }

  protected control(): void {
    this.intensity = 0.7 + 0.45 * this.swell.advance(CONTROL_INTERVAL);
  }

  protected sample(): number {
    const white = this.noise.bipolar();
    this.hissHigh.process(white);
    const hiss = this.hissLow.process(this.hissHigh.high);
    const body = this.body.process(this.noise.bipolar());

    this.untilDrop -= 1;
    if (this.untilDrop <= 0) {
      this.startDrop(false);
      this.untilDrop += this.drops.exponential(this.dropRate * this.intensity) * SAMPLE_RATE;
    }
    this.untilHeavy -= 1;
    if (this.untilHeavy <= 0) {
      this.startDrop(true);
      this.untilHeavy += this.drops.exponential(this.heavyRate) * SAMPLE_RATE;
    }

    let drops = 0;
    let d = 0;
    while (d < this.activeDrops) {
      const amplitude = this.dropAmplitude[d] as number;
      if (amplitude < 1e-4) {
        this.removeDrop(d);
        continue;
      }
      const phase = (this.dropPhase[d] as number) + (this.dropFrequency[d] as number) / SAMPLE_RATE;
      this.dropPhase[d] = phase - Math.floor(phase);
      this.dropFrequency[d] = (this.dropFrequency[d] as number) * (this.dropChirp[d] as number);
      drops += amplitude * Math.sin(2 * Math.PI * phase);
      this.dropAmplitude[d] = amplitude * (this.dropDecay[d] as number);
      d += 1;
    }
    return this.intensity * (this.hissLevel * hiss + 0.45 * body) + 0.6 * drops;
  }

  /** Swaps the last active drop into slot `d`: the active ones stay packed at the front. */
  private removeDrop(d: number): void {
    const last = this.activeDrops - 1;
    for (const field of [this.dropPhase, this.dropFrequency, this.dropChirp, this.dropAmplitude, this.dropDecay]) field[d] = field[last] as number;
    this.activeDrops = last;
  }

  private startDrop(heavy: boolean): void {
    // A downpour beyond MAX_DROPS at once is a hiss anyway: the extra drop is not heard.
    if (this.activeDrops === MAX_DROPS) return;
    const d = this.activeDrops;
    this.activeDrops += 1;
    const r = this.drops;
    const frequency = heavy ? r.logRange(500, 1400) : r.logRange(1400, 5200);
    const decaySeconds = heavy ? r.range(0.012, 0.03) : r.range(0.003, 0.012);
    this.dropPhase[d] = 0;
    this.dropFrequency[d] = frequency;
    // The pitch rises by a quarter to an octave over the drop's life.
    this.dropChirp[d] = 2 ** (r.range(0.25, 1) / (decaySeconds * 4 * SAMPLE_RATE));
    this.dropAmplitude[d] = (heavy ? r.range(0.5, 1) : r.logRange(0.08, 0.6)) * this.intensity;
    this.dropDecay[d] = Math.exp(-1 / (decaySeconds * SAMPLE_RATE));
  }
}

/**
 * Wind: noise through a band-pass whose centre and level follow gusts (two drifts,
 * one quick, one slow), a low rumble under it, and a whistle (a narrow, ringing
 * band) that only sings when a gust is strong.
 */
class WindSource extends StreamedSource {
  private readonly noise: SeededRandom;
  private readonly gust: RandomDrift;
  private readonly weather: RandomDrift;
  private readonly whistleDrift: RandomDrift;
  private readonly band = new StateVariableFilter(400, 0.9);
  private readonly whistle = new StateVariableFilter(1200, 9);
  private readonly rumble = new OnePoleLowpass(120);
  private readonly dcBlock = new OnePoleHighpass(25);
  private readonly bandCentre: number;
  private readonly whistleCentre: number;
  private readonly whistleLevel: number;
  private strength = 0.5;
  private whistleGain = 0;

  constructor(length: number, random: SeededRandom) {
    super(length);
    this.noise = random.fork('noise');
    this.gust = new RandomDrift(random.fork('gust'), random.range(1.8, 3.2));
    this.weather = new RandomDrift(random.fork('weather'), 9);
    this.whistleDrift = new RandomDrift(random.fork('whistle'), 4);
    this.bandCentre = random.logRange(260, 520);
    this.whistleCentre = random.logRange(700, 1700);
    this.whistleLevel = random.range(0.1, 0.45);
  }

  protected control(): void {
    const gust = this.gust.advance(CONTROL_INTERVAL);
    const weather = this.weather.advance(CONTROL_INTERVAL);
    const strength = 0.25 + 0.75 * (0.55 * gust + 0.45 * weather) ** 1.6;
    this.strength = strength;
    this.band.set(this.bandCentre * 2 ** (1.4 * strength - 0.4), 0.8 + strength);
    const wander = this.whistleDrift.advance(CONTROL_INTERVAL);
    this.whistle.set(this.whistleCentre * 2 ** (0.6 * wander + 0.5 * strength), 10);
    this.whistleGain = this.whistleLevel * Math.max(0, strength - 0.45) * 2;
  }

  protected sample(): number {
    const white = this.noise.bipolar();
    this.band.process(white);
    this.whistle.process(white);
    const rumble = this.rumble.process(this.noise.bipolar());
    const mix = this.strength * (this.band.band + 2.2 * this.strength * rumble) + this.whistleGain * this.whistle.band;
    return this.dcBlock.process(mix);
  }
}

interface DroneVoice {
  oscillator: Oscillator;
  frequency: number;
  gain: number;
  /** Each voice breathes at its own slow rate, so the chord never sits still. */
  lfoRate: number;
  lfoPhase: number;
  level: number;
}

/**
 * Drone: a low chord (root, fifth, octave, a sub) of slightly detuned oscillators
 * that beat against each other, each swelling on its own slow cycle, through a
 * warm low-pass that opens and closes with a drift, and a breath of noise on top.
 */
class DroneSource extends StreamedSource {
  private readonly voices: DroneVoice[];
  private readonly filter = new StateVariableFilter(600, 1.1);
  private readonly air = new StateVariableFilter(2800, 1.5);
  private readonly noise: SeededRandom;
  private readonly colour: RandomDrift;
  private readonly brightness: number;

  constructor(length: number, random: SeededRandom) {
    super(length);
    const root = midiToHz(random.int(36, 45));
    const waves = random.fork('waves');
    const layout: [ratio: number, cents: number, wave: Waveform, gain: number][] = [
      [1, -random.range(4, 9), 'saw', 0.5],
      [1, random.range(4, 9), 'saw', 0.5],
      [1.5, random.range(-5, 5), waves.pick(['saw', 'triangle'] as const), 0.32],
      [1.5, random.range(-5, 5), 'triangle', 0.3],
      [2, random.range(-3, 3), 'triangle', 0.28],
      [0.5, 0, 'sine', 0.6],
      [3, random.range(-4, 4), 'sine', 0.07],
    ];
    this.voices = layout.map(([ratio, cents, wave, gain], v) => ({
      oscillator: new Oscillator(wave, random.fork(`voice-${v}`), 0.5, random.next()),
      frequency: root * ratio * 2 ** (cents / 1200),
      gain,
      lfoRate: random.range(0.03, 0.16),
      lfoPhase: random.next(),
      level: 1,
    }));
    this.noise = random.fork('air');
    this.colour = new RandomDrift(random.fork('colour'), 7);
    this.brightness = random.logRange(350, 800);
  }

  protected control(): void {
    const step = CONTROL_INTERVAL / SAMPLE_RATE;
    for (const voice of this.voices) {
      voice.lfoPhase = (voice.lfoPhase + voice.lfoRate * step) % 1;
      voice.level = voice.gain * (0.65 + 0.35 * Math.sin(2 * Math.PI * voice.lfoPhase));
    }
    this.filter.set(this.brightness * 2 ** (1.3 * this.colour.advance(CONTROL_INTERVAL)), 1.1);
  }

  protected sample(): number {
    let mix = 0;
    for (const voice of this.voices) mix += voice.level * voice.oscillator.next(voice.frequency);
    const warm = this.filter.process(mix);
    this.air.process(this.noise.bipolar());
    return warm + 0.04 * this.air.band;
  }
}
