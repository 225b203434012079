import { BEATS_PER_BAR, type MusicalKey, type Scale } from '../../../preload/schemas/sound.js';
import { SAMPLE_RATE } from './audio-format.js';
import { releaseTail, type NoteEnvelope } from './envelope.js';
import { OnePoleHighpass, StateVariableFilter } from './filters.js';
import { midiToHz, Oscillator, type Waveform } from './oscillators.js';
import { degreeToMidi, KEY_PITCH, SCALE_STEPS } from './scales.js';
import { randomFor, type SeededRandom } from './seeded-random.js';
import type { SoundSource } from './sound-source.js';

interface LoopSettings {
  tempo: number;
  key: MusicalKey;
  scale: Scale;
  bars: number;
  seed: number;
}

type Part = 'lead' | 'bass' | 'kick' | 'hat';

interface NoteEvent {
  part: Part;
  /** Sample where the note starts. */
  start: number;
  /** Samples until note-off (the release rings on after it). */
  length: number;
  midi: number;
  velocity: number;
}

interface LoopScore {
  length: number;
  notes: NoteEvent[];
  /** What the seed chose, kept in the clip's metadata. */
  choices: { progression: number[]; leadWave: Waveform; bassPattern: BassPattern };
}

type BassPattern = 'halves' | 'pulse' | 'walk' | 'syncopated';

/** Chord roots (as steps of a 7-note scale) per bar, four bars that loop back naturally. */
const PROGRESSIONS: Readonly<Record<'major' | 'minor' | 'dorian', readonly (readonly number[])[]>> = {
  major: [
    [0, 4, 5, 3],
    [0, 5, 3, 4],
    [0, 3, 4, 3],
    [0, 3, 0, 4],
    [5, 3, 0, 4],
  ],
  minor: [
    [0, 5, 2, 6],
    [0, 3, 4, 0],
    [0, 6, 5, 6],
    [0, 5, 3, 4],
  ],
  dorian: [
    [0, 3, 0, 3],
    [0, 6, 3, 0],
    [0, 3, 6, 0],
  ],
};

const EIGHTHS_PER_BAR = BEATS_PER_BAR * 2;

function loopSeconds(tempo: number, bars: number): number {
  return (bars * BEATS_PER_BAR * 60) / tempo;
}

/**
 * Writes the loop: a chord progression, a two-bar melody motif (a call and an
 * answer) whose strong beats land on chord tones, a bass line in one of four
 * patterns, and a quiet kick and hat. The seed makes every choice.
 */
export function composeLoop(settings: LoopSettings): LoopScore {
  const random = randomFor(`loop:${settings.key}:${settings.scale}`, settings.seed);
  const eighth = (60 / settings.tempo / 2) * SAMPLE_RATE;
  const length = Math.round(loopSeconds(settings.tempo, settings.bars) * SAMPLE_RATE);
  const at = (eighths: number) => Math.round(eighths * eighth);
  // Chords come from a seven-note scale; the pentatonic melody sits on its major parent.
  const harmonyScale: Scale = settings.scale === 'pentatonic' ? 'major' : settings.scale;
  const progression = random.pick(PROGRESSIONS[harmonyScale === 'major' ? 'major' : harmonyScale]);
  const chordOf = (bar: number) => progression[bar % progression.length] as number;

  const pitch = KEY_PITCH[settings.key];
  const tonic = 60 + pitch - (pitch > 6 ? 12 : 0);
  const notes: NoteEvent[] = [];

  // Melody: one rhythm for the whole loop, two pitch lines (call and answer) on it.
  const melody = random.fork('melody');
  const rhythm = melodyRhythm(melody);
  const scaleSize = SCALE_STEPS[settings.scale].length;
  const top = scaleSize + 4;
  const lines = [walk(melody, rhythm.length, top), walk(melody, rhythm.length, top)];
  for (let bar = 0; bar < settings.bars; bar += 2) {
    const phrase = bar / 2;
    const line = lines[phrase % 2] as number[];
    rhythm.forEach((slot, index) => {
      const barOfNote = bar + Math.floor(slot.start / EIGHTHS_PER_BAR);
      if (barOfNote >= settings.bars) return;
      let degree = line[index] as number;
      const strong = slot.start % 4 === 0;
      const last = barOfNote === settings.bars - 1 && index === lastIndexInBar(rhythm, slot.start);
      if (strong || last) degree = nearestChordTone(degree, chordOf(barOfNote), settings.scale, harmonyScale, last);
      notes.push({
        part: 'lead',
        start: at(bar * EIGHTHS_PER_BAR + slot.start),
        length: at(slot.length),
        midi: degreeToMidi(tonic, settings.scale, degree),
        velocity: strong ? 1 : 0.8,
      });
    });
  }

  // Bass: the chord's root, two octaves under the melody.
  const bassPattern = random.pick(['halves', 'pulse', 'walk', 'syncopated'] as const);
  const bassTonic = tonic - 24;
  for (let bar = 0; bar < settings.bars; bar += 1) {
    const root = chordOf(bar);
    const next = chordOf(bar + 1);
    const note = (degree: number) => degreeToMidi(bassTonic, harmonyScale, degree);
    for (const [start, eighths, degree] of bassLine(bassPattern, root, next)) {
      notes.push({ part: 'bass', start: at(bar * EIGHTHS_PER_BAR + start), length: at(eighths), midi: note(degree), velocity: 1 });
    }
    for (let beat = 0; beat < BEATS_PER_BAR; beat += 1) {
      if (beat % 2 === 0) notes.push({ part: 'kick', start: at(bar * EIGHTHS_PER_BAR + beat * 2), length: at(1), midi: 0, velocity: beat === 0 ? 1 : 0.8 });
      notes.push({ part: 'hat', start: at(bar * EIGHTHS_PER_BAR + beat * 2 + 1), length: at(0.5), midi: 0, velocity: 0.7 + 0.3 * melody.next() });
    }
  }
  notes.sort((a, b) => a.start - b.start);
  return { length, notes, choices: { progression: [...progression], leadWave: random.pick(['square', 'triangle', 'saw'] as const), bassPattern } };
}

interface RhythmSlot {
  /** In eighths from the start of the two-bar phrase. */
  start: number;
  length: number;
}

/** Onsets over two bars: downbeats nearly always, other beats often, off-beats now and then. */
function melodyRhythm(random: SeededRandom): RhythmSlot[] {
  const starts: number[] = [];
  for (let slot = 0; slot < EIGHTHS_PER_BAR * 2; slot += 1) {
    const chance = slot % EIGHTHS_PER_BAR === 0 ? 0.95 : slot % 2 === 0 ? 0.6 : 0.3;
    if (random.chance(chance)) starts.push(slot);
  }
  if (starts[0] !== 0) starts.unshift(0);
  return starts.map((start, i) => {
    const gap = (starts[i + 1] ?? EIGHTHS_PER_BAR * 2) - start;
    // Long gaps leave a rest; short notes are played a little detached.
    const length = Math.min(gap, random.chance(0.3) ? 1 : Math.min(gap, 3));
    return { start, length: length * (random.chance(0.25) ? 0.5 : 0.9) };
  });
}

function lastIndexInBar(rhythm: RhythmSlot[], start: number): number {
  const bar = Math.floor(start / EIGHTHS_PER_BAR);
  let last = -1;
  rhythm.forEach((slot, index) => {
    if (Math.floor(slot.start / EIGHTHS_PER_BAR) === bar) last = index;
  });
  return last;
}

/** A melodic line as scale degrees: mostly steps, some leaps, kept between the tonic and `top`. */
function walk(random: SeededRandom, count: number, top: number): number[] {
  const line: number[] = [];
  let degree = random.pick([2, 4, 4, 7]);
  for (let i = 0; i < count; i += 1) {
    line.push(degree);
    let step = random.pick([-2, -1, -1, 0, 1, 1, 2]);
    if (random.chance(0.12)) step = random.pick([-4, -3, 3, 4]);
    degree += step;
    if (degree < 0) degree = -degree;
    if (degree > top) degree = 2 * top - degree;
  }
  return line;
}

/** The melody degree (in the melody's scale) nearest to `degree` that sounds in the chord on `root`. */
function nearestChordTone(degree: number, root: number, scale: Scale, harmony: Scale, preferRoot: boolean): number {
  const tonicPitch = (d: number) => degreeToMidi(0, scale, d) % 12;
  const chord = [root, root + 2, root + 4].map((d) => degreeToMidi(0, harmony, d) % 12);
  const wanted = preferRoot ? [chord[0] as number] : chord;
  for (let distance = 0; distance <= 4; distance += 1) {
    for (const candidate of [degree - distance, degree + distance]) {
      if (candidate >= 0 && wanted.includes(tonicPitch(candidate))) return candidate;
    }
  }
  return degree;
}

/** [start eighth, length in eighths, scale degree] for one bar of bass. */
function bassLine(pattern: BassPattern, root: number, next: number): [number, number, number][] {
  switch (pattern) {
    case 'halves':
      return [
        [0, 3.6, root],
        [4, 3.6, root + 4],
      ];
    case 'pulse':
      return Array.from({ length: EIGHTHS_PER_BAR }, (_, i) => [i, 0.7, i === 7 ? root + 7 : root] as [number, number, number]);
    case 'walk':
      return [
        [0, 1.8, root],
        [2, 1.8, root + 2],
        [4, 1.8, root + 4],
        [6, 1.8, next + (next > root ? -1 : 1)],
      ];
    case 'syncopated':
      return [
        [0, 2.6, root],
        [3, 0.9, root],
        [4, 1.8, root + 4],
        [6, 1.8, root + 7],
      ];
  }
}

const ENVELOPES: Readonly<Record<Part, NoteEnvelope>> = {
  lead: { attack: 0.006, decay: 0.16, sustainLevel: 0.55, release: 0.05 },
  bass: { attack: 0.004, decay: 0.22, sustainLevel: 0.7, release: 0.035 },
  kick: { attack: 0.001, decay: 0.09, sustainLevel: 0, release: 0.02 },
  hat: { attack: 0.0005, decay: 0.018, sustainLevel: 0, release: 0.01 },
};

const GAINS: Readonly<Record<Part, number>> = { lead: 0.32, bass: 0.42, kick: 0.55, hat: 0.07 };

interface Voice {
  event: NoteEvent;
  part: Part;
  oscillator: Oscillator;
  frequency: number;
  gain: number;
  age: number;
  end: number;
  /** The envelope, stepped one sample at a time (one multiply instead of an exp()). */
  attackSamples: number;
  sustainLevel: number;
  fall: number;
  fallStep: number;
  held: number;
  release: number;
  releaseStep: number;
}

/** Advances a voice's envelope one sample: attack, fall to sustain, and after note-off the release. */
function stepEnvelope(voice: Voice): number {
  const age = voice.age;
  if (age < voice.event.length) {
    const attack = age < voice.attackSamples ? age / voice.attackSamples : 1;
    if (age >= voice.attackSamples) voice.fall *= voice.fallStep;
    voice.held = attack * (voice.sustainLevel + (1 - voice.sustainLevel) * voice.fall);
    return voice.held;
  }
  voice.release *= voice.releaseStep;
  return voice.held * voice.release;
}

/** Plays a score: voices start on their sample, ring through their release, and leave. */
export class LoopSource implements SoundSource {
  readonly length: number;
  private index = 0;
  private nextNote = 0;
  private voices: Voice[] = [];
  private readonly leadTone = new StateVariableFilter(2600, 0.8);
  private readonly bassTone = new StateVariableFilter(650, 0.9);
  private readonly hatTone = new OnePoleHighpass(6500);
  private readonly noise: SeededRandom;

  constructor(
    private readonly score: LoopScore,
    seed: number,
  ) {
    this.length = score.length;
    this.noise = randomFor('loop-noise', seed);
  }

  fill(out: Float32Array): void {
    const notes = this.score.notes;
    for (let n = 0; n < out.length; n += 1) {
      while (this.nextNote < notes.length && (notes[this.nextNote] as NoteEvent).start <= this.index) {
        this.voices.push(this.startVoice(notes[this.nextNote] as NoteEvent));
        this.nextNote += 1;
      }
      let lead = 0;
      let bass = 0;
      let drums = 0;
      let hat = 0;
      let ended = 0;
      for (const voice of this.voices) {
        const gain = voice.gain * stepEnvelope(voice);
        const part = voice.part;
        if (part === 'kick') {
          // The kick's pitch falls from 150 Hz to 45 Hz in its first tenth of a second.
          drums += gain * voice.oscillator.next(45 + 105 * Math.exp(-voice.age / (0.03 * SAMPLE_RATE)));
        } else if (part === 'hat') {
          hat += gain * this.noise.bipolar();
        } else if (part === 'bass') {
          bass += gain * voice.oscillator.next(voice.frequency);
        } else {
          lead += gain * voice.oscillator.next(voice.frequency);
        }
        voice.age += 1;
        if (voice.age >= voice.end) ended += 1;
      }
      if (ended > 0) this.voices = this.voices.filter((voice) => voice.age < voice.end);
      out[n] = this.leadTone.process(lead) + this.bassTone.process(bass) + drums + this.hatTone.process(hat);
      this.index += 1;
    }
  }

  private startVoice(event: NoteEvent): Voice {
    const wave: Waveform = event.part === 'lead' ? this.score.choices.leadWave : event.part === 'bass' ? 'triangle' : 'sine';
    const envelope = ENVELOPES[event.part];
    return {
      event,
      part: event.part,
      oscillator: new Oscillator(wave, this.noise, wave === 'square' ? 0.3 : 0.5),
      frequency: midiToHz(event.midi),
      gain: GAINS[event.part] * event.velocity,
      age: 0,
      end: event.length + Math.round(releaseTail(envelope) * SAMPLE_RATE),
      attackSamples: Math.max(1, envelope.attack * SAMPLE_RATE),
      sustainLevel: envelope.sustainLevel,
      fall: 1,
      fallStep: Math.exp(-1 / (envelope.decay * SAMPLE_RATE)),
      held: 0,
      release: 1,
      releaseStep: Math.exp(-1 / (envelope.release * SAMPLE_RATE)),
    };
  }
}
