import type { MusicalKey, Scale } from '../../../preload/schemas/sound.js';

/** Semitones above the tonic for each step of a scale. */
export const SCALE_STEPS: Readonly<Record<Scale, readonly number[]>> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  // Major pentatonic: no half steps, so no note can clash.
  pentatonic: [0, 2, 4, 7, 9],
};

/** Pitch class of each key, C = 0. */
export const KEY_PITCH: Readonly<Record<MusicalKey, number>> = {
  C: 0,
  'C#': 1,
  D: 2,
  Eb: 3,
  E: 4,
  F: 5,
  'F#': 6,
  G: 7,
  Ab: 8,
  A: 9,
  Bb: 10,
  B: 11,
};

/** The MIDI note of a scale degree (0 the tonic, 7 the octave above in a 7-note scale; negative below). */
export function degreeToMidi(tonicMidi: number, scale: Scale, degree: number): number {
  const steps = SCALE_STEPS[scale];
  const octave = Math.floor(degree / steps.length);
  const index = degree - octave * steps.length;
  return tonicMidi + 12 * octave + (steps[index] as number);
}
