/**
 * Captions from the narration: each scene's text split into short cues (at most two lines
 * of about 42 characters, 1 to 7 seconds each) and timed against its narration audio.
 * Sentence boundaries land on the pauses the voice actually made; within a sentence the
 * time is shared by character count.
 */
import { CAPTION_LINE_CHARS, chunkSentence, sentences, wrapWords as wrap } from '../../../preload/caption-text.js';

const CAPTION_MIN_SECONDS = 1;
const CAPTION_MAX_SECONDS = 7;

export interface Cue {
  start: number;
  end: number;
  lines: string[];
  /** Who speaks, for a cast narration's script line (captions-script.ts). */
  speaker?: string;
}

/** What a scene's captions are made from: its text, where its narration starts and how it sounds. */
interface CaptionScene {
  text: string;
  /** Seconds from the start of the video when the narration starts. */
  narrationAt: number;
  /** The narration's samples (mono) and their rate. */
  samples: Float32Array;
  sampleRate: number;
  /** Captions never run past this (the scene's end on the timeline). */
  until: number;
}

interface Speech {
  start: number;
  end: number;
  /** Midpoints of the pauses inside the speech, in seconds from the clip's start. */
  pauses: number[];
}

/** Where the voice speaks in a clip, and the pauses (≥ 120 ms of quiet) between its words. */
function findSpeech(samples: Float32Array, sampleRate: number): Speech {
  const window = Math.max(1, Math.round(sampleRate / 100));
  const levels: number[] = [];
  for (let at = 0; at < samples.length; at += window) {
    let sum = 0;
    const end = Math.min(samples.length, at + window);
    for (let n = at; n < end; n++) sum += (samples[n] ?? 0) ** 2;
    levels.push(Math.sqrt(sum / Math.max(1, end - at)));
  }
  const loudest = Math.max(0, ...levels);
  const quiet = Math.max(loudest * 0.03, 10 ** (-50 / 20));
  const voiced = levels.map((level) => level > quiet);
  const first = voiced.indexOf(true);
  const last = voiced.lastIndexOf(true);
  const seconds = (w: number): number => (w * window) / sampleRate;
  if (first < 0) return { start: 0, end: samples.length / sampleRate, pauses: [] };
  const pauses: number[] = [];
  let runStart = -1;
  for (let w = first; w <= last; w++) {
    if (!voiced[w] && runStart < 0) runStart = w;
    if (voiced[w] && runStart >= 0) {
      if (w - runStart >= 12) pauses.push(seconds((runStart + w) / 2));
      runStart = -1;
    }
  }
  return { start: seconds(first), end: seconds(last + 1), pauses };
}

/** Splits one over-long cue into pieces of at most CAPTION_MAX_SECONDS, by words. */
function limitLength(cue: Cue, perLine: number): Cue[] {
  const pieces = Math.ceil((cue.end - cue.start) / CAPTION_MAX_SECONDS - 1e-9);
  if (pieces <= 1) return [cue];
  const words = cue.lines.join(' ').split(' ');
  const out: Cue[] = [];
  const step = (cue.end - cue.start) / pieces;
  for (let p = 0; p < pieces; p++) {
    const part = words.slice(Math.round((p * words.length) / pieces), Math.round(((p + 1) * words.length) / pieces)).join(' ');
    if (part) out.push({ start: cue.start + p * step, end: cue.start + (p + 1) * step, lines: wrap(part, perLine) });
  }
  return out;
}

/** One scene's cues, in seconds from the start of the video. */
export function sceneCues(scene: CaptionScene, perLine = CAPTION_LINE_CHARS): Cue[] {
  const parts = sentences(scene.text);
  if (parts.length === 0 || scene.samples.length === 0) return [];
  const speech = findSpeech(scene.samples, scene.sampleRate);
  const span = Math.max(0.001, speech.end - speech.start);
  const totalChars = parts.reduce((sum, s) => sum + s.length, 0);
  // Each sentence boundary: its proportional place, moved to the nearest real pause (within 0.8 s).
  const bounds = [speech.start];
  let chars = 0;
  for (const sentence of parts.slice(0, -1)) {
    chars += sentence.length;
    const guess = speech.start + (span * chars) / totalChars;
    const nearest = speech.pauses.reduce<number | undefined>(
      (best, p) => (best === undefined || Math.abs(p - guess) < Math.abs(best - guess) ? p : best),
      undefined,
    );
    const previous = bounds.at(-1) ?? speech.start;
    bounds.push(nearest !== undefined && Math.abs(nearest - guess) < 0.8 && nearest > previous ? nearest : Math.max(previous, guess));
  }
  bounds.push(speech.end);
  const cues: Cue[] = [];
  parts.forEach((sentence, s) => {
    const from = bounds[s] ?? 0;
    const to = bounds[s + 1] ?? from;
    const chunks = chunkSentence(sentence, perLine);
    const length = chunks.reduce((sum, c) => sum + c.join(' ').length, 0);
    let at = from;
    for (const lines of chunks) {
      const end = at + ((to - from) * lines.join(' ').length) / Math.max(1, length);
      cues.push(...limitLength({ start: scene.narrationAt + at, end: scene.narrationAt + end, lines }, perLine));
      at = end;
    }
  });
  return stretchShort(cues, scene.until);
}

/** A cue shorter than a second is held longer, into the quiet after it, never over the next cue. */
function stretchShort(cues: Cue[], until: number): Cue[] {
  return cues
    .map((cue, i) => {
      const limit = Math.min(until, cues[i + 1]?.start ?? until);
      return { ...cue, end: Math.min(limit, Math.max(cue.end, cue.start + CAPTION_MIN_SECONDS)) };
    })
    .filter((cue) => cue.end - cue.start > 0.04);
}
