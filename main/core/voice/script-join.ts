import { resample } from '../audio/concat.js';
import type { Clip } from '../../platform/audio/wav.js';

/** Quiet between two lines of one speaker, and a little more when the speaker changes (a breath, a turn). */
export const LINE_GAP_SECONDS = 0.35;
export const SPEAKER_CHANGE_GAP_SECONDS = 0.6;

/** One rendered line: its speaker, its caption text, and its speech and asked-for pauses in order. */
export interface RenderedLine {
  characterId: string;
  speaker: string;
  /** What captions show for this line (marks stripped). */
  caption: string;
  parts: ({ kind: 'speech'; clip: Clip } | { kind: 'pause'; seconds: number })[];
}

/** Where a line sits in the joined clip; stored in the clip's origin so captions know who speaks when. */
interface LineTiming {
  characterId: string;
  speaker: string;
  text: string;
  startMs: number;
  endMs: number;
}

/**
 * Lines end to end as one mono clip at the highest rate any engine gave (the others
 * resampled up), with a natural gap between lines and exactly the asked-for silence
 * for each pause mark. Returns the clip and each line's span in it.
 */
export function joinLines(lines: readonly RenderedLine[]): { clip: Clip; timing: LineTiming[] } {
  const rates = lines.flatMap((line) => line.parts.flatMap((part) => (part.kind === 'speech' ? [part.clip.sampleRate] : [])));
  const sampleRate = rates.length > 0 ? Math.max(...rates) : 22_050;
  const chunks: Float32Array[] = [];
  const timing: LineTiming[] = [];
  let length = 0;
  const silence = (seconds: number) => {
    const samples = new Float32Array(Math.round(seconds * sampleRate));
    chunks.push(samples);
    length += samples.length;
  };
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous) silence(previous.characterId === line.characterId ? LINE_GAP_SECONDS : SPEAKER_CHANGE_GAP_SECONDS);
    const start = length;
    for (const part of line.parts) {
      if (part.kind === 'pause') silence(part.seconds);
      else {
        const samples = resample(part.clip.samples, part.clip.sampleRate, sampleRate);
        chunks.push(samples);
        length += samples.length;
      }
    }
    const ms = (at: number) => Math.round((at / sampleRate) * 1000);
    timing.push({ characterId: line.characterId, speaker: line.speaker, text: line.caption, startMs: ms(start), endMs: ms(length) });
  });
  const samples = new Float32Array(length);
  let at = 0;
  for (const chunk of chunks) {
    samples.set(chunk, at);
    at += chunk.length;
  }
  return { clip: { samples, sampleRate }, timing };
}
