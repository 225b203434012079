import type { Cue } from './captions.js';

function clock(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** A cue's text as a subtitle line may hold it: no blank lines (they end a cue) and, for VTT, no tag openers. */
function cueText(lines: readonly string[], escape: boolean): string {
  return lines
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (escape ? line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : line.replace(/-->/g, '→')))
    .join('\n');
}

/** SubRip: numbered cues, `00:00:01,000 --> 00:00:02,500`. */
export function toSrt(cues: readonly Cue[]): string {
  return cues.map((cue, i) => `${i + 1}\n${clock(cue.start, ',')} --> ${clock(cue.end, ',')}\n${cueText(cue.lines, false)}\n`).join('\n');
}

/** WebVTT, as browsers' <track> and the WebM muxer read it. */
export function toVtt(cues: readonly Cue[]): string {
  return `WEBVTT\n\n${cues.map((cue) => `${clock(cue.start, '.')} --> ${clock(cue.end, '.')}\n${cueText(cue.lines, true)}\n`).join('\n')}`;
}
