import { chunkSentence, sentences } from '../../../preload/caption-text.js';
import type { Cue } from './captions.js';

/** A stretch of heard words and its times, in seconds from the start of the audio. */
export interface TimedText {
  start: number;
  end: number;
  text: string;
}

/** Cues shorter than this are dropped: a clipped sliver no one could read. */
const SHORTEST_CUE = 0.04;

/**
 * Caption cues from a transcript's segments: each segment is split the way the scene
 * text's captions are (sentences, then at most two lines of `perLine` characters) and its
 * time shared among its pieces by character count, since Whisper times segments, not
 * words. Times are moved by `offset` (where the audio starts in the video) and clipped to
 * end by `until` (the scene's end), so a recording longer than its scene never captions the next.
 */
export function transcriptCues(segments: readonly TimedText[], offset: number, until: number, perLine: number): Cue[] {
  const cues: Cue[] = [];
  for (const segment of segments) {
    const pieces = sentences(segment.text).flatMap((sentence) => chunkSentence(sentence, perLine));
    const total = pieces.reduce((sum, lines) => sum + lines.join(' ').length, 0);
    const span = Math.max(0, segment.end - segment.start);
    let at = offset + segment.start;
    for (const lines of pieces) {
      const share = total > 0 ? lines.join(' ').length / total : 1 / pieces.length;
      const end = at + share * span;
      const clipped = Math.min(until, end);
      if (clipped - at > SHORTEST_CUE) cues.push({ start: at, end: clipped, lines });
      at = end;
    }
  }
  return cues;
}
