// The words of captions, shared by the export (which times them against the narration's
// audio) and the studio's player (which shows them as the export will): one splitting
// and wrapping, so the preview's caption lines are the video's.

import { splitSentences } from './sentences.js';

/** About this many characters a caption line in a wide or square frame. */
export const CAPTION_LINE_CHARS = 42;

/** Vertical frames wrap captions shorter, so the text can stay large. */
export function captionLineChars(width: number, height: number): number {
  return height > width ? 32 : CAPTION_LINE_CHARS;
}

/** The text as caption sentences. */
export function sentences(text: string): string[] {
  return splitSentences(text, 2000);
}

/** Words into lines of at most `perLine` characters (a longer word stands alone). */
export function wrapWords(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line && `${line} ${word}`.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A sentence as cue texts of at most two lines each, the lines balanced within a cue. */
export function chunkSentence(sentence: string, perLine = CAPTION_LINE_CHARS): string[][] {
  const lines = wrapWords(sentence, perLine);
  const chunks: string[][] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const pair = lines.slice(i, i + 2).join(' ');
    // Two lines of similar length read better than one long line over a short one.
    const balanced = wrapWords(pair, Math.min(perLine, Math.ceil(pair.length / 2) + 6));
    chunks.push(balanced.length <= 2 ? balanced : lines.slice(i, i + 2));
  }
  return chunks;
}
