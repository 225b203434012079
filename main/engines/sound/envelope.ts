/**
 * The sfxr envelope: a linear attack, a sustain that starts `punch` louder and
 * settles, and a decay that falls on a curve (linear decays sound abrupt at the end).
 */
interface EnvelopeShape {
  attack: number;
  sustain: number;
  /** 0..1: how much louder the start of the sustain is. */
  punch: number;
  decay: number;
}

export function envelopeLength(shape: EnvelopeShape): number {
  return shape.attack + shape.sustain + shape.decay;
}

export function envelopeAt(shape: EnvelopeShape, seconds: number): number {
  const { attack, sustain, punch, decay } = shape;
  if (seconds < 0) return 0;
  if (seconds < attack) return seconds / attack;
  const inSustain = seconds - attack;
  if (inSustain < sustain) return 1 + punch * (1 - inSustain / sustain);
  const inDecay = inSustain - sustain;
  if (inDecay >= decay) return 0;
  const left = 1 - inDecay / decay;
  return left * left;
}

/**
 * A note's loudness: quick attack, a fall to the sustain level, and a release after
 * note-off; exponential segments, the way plucked and struck sounds behave.
 */
export interface NoteEnvelope {
  attack: number;
  /** Time constant of the fall to `sustainLevel`, in seconds. */
  decay: number;
  sustainLevel: number;
  /** Time constant after note-off, in seconds. */
  release: number;
}

/** How long a note keeps sounding after its note-off before it is inaudible (−60 dB). */
export function releaseTail(envelope: NoteEnvelope): number {
  return envelope.release * 6.9;
}

/** Gain of a short linear fade at both ends of a clip, so it starts and stops without a click. */
export function edgeFade(index: number, total: number, fadeIn: number, fadeOut: number): number {
  let gain = 1;
  if (index < fadeIn) gain = (index + 0.5) / fadeIn;
  const fromEnd = total - 1 - index;
  if (fromEnd < fadeOut) gain = Math.min(gain, (fromEnd + 0.5) / fadeOut);
  return gain;
}
