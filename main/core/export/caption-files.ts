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

/** `01:02:03.450` or `02:03.450` (VTT) or `01:02:03,450` (SRT) as seconds; NaN when it is not a time. */
function seconds(clockText: string): number {
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})$/.exec(clockText.trim());
  if (!match) return Number.NaN;
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

/**
 * The timed lines of a WebVTT (or SRT) file, as a transcript asset keeps them: each cue's
 * times and its lines joined by spaces, entities of toVtt undone. Anything else (the header,
 * NOTE blocks, cue numbers, settings after the times) is passed over.
 */
export function parseCues(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing < 0) continue;
    const [from = '', rest = ''] = (lines[timing] ?? '').split('-->');
    const start = seconds(from);
    const end = seconds(rest.trim().split(/\s+/)[0] ?? '');
    const words = lines
      .slice(timing + 1)
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    if (Number.isFinite(start) && Number.isFinite(end) && end > start && words) out.push({ start, end, text: words });
  }
  return out;
}
