import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from '../../platform/lazy-sharp.js';
import type { Cue } from './captions.js';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** How burned captions sit in a frame: font size and the band they are drawn in. */
interface CaptionLayout {
  fontSize: number;
  /** The band's height and its top edge in the frame (all cue pictures share it). */
  bandHeight: number;
  top: number;
}

/**
 * Text about 4.5% of the frame's height (smaller where the width would not hold a line),
 * above a safe bottom margin: 8% of the height, 18% on a vertical frame, where the
 * platforms' own buttons and titles cover the bottom.
 */
export function captionLayout(width: number, height: number, perLine: number): CaptionLayout {
  const fontSize = Math.round(Math.min(height * 0.045, (width * 0.88) / (perLine * 0.56)));
  const bandHeight = Math.round(fontSize * 2 * 1.3 + fontSize * 0.9);
  const margin = Math.round(height * (height > width ? 0.18 : 0.08));
  return { fontSize, bandHeight, top: height - margin - bandHeight };
}

/** One cue as a transparent band: white DejaVu Sans, outlined, on a translucent dark box. */
async function cuePicture(lines: readonly string[], width: number, layout: CaptionLayout): Promise<Buffer> {
  const { fontSize, bandHeight } = layout;
  const lineHeight = fontSize * 1.3;
  const longest = Math.max(0, ...lines.map((line) => line.length));
  const boxWidth = Math.min(width - 8, Math.round(longest * fontSize * 0.58 + fontSize * 1.2));
  const boxHeight = Math.round(lines.length * lineHeight + fontSize * 0.6);
  const boxTop = bandHeight - boxHeight;
  const text = lines.map((line, i) => `<text x="${width / 2}" y="${boxTop + fontSize * 0.3 + lineHeight * (i + 0.5)}">${escapeXml(line)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bandHeight}">
<rect x="${(width - boxWidth) / 2}" y="${boxTop}" width="${boxWidth}" height="${boxHeight}" rx="${fontSize * 0.25}" fill="#000" fill-opacity="0.55"/>
<g font-family="DejaVu Sans" font-size="${fontSize}" font-weight="bold" text-anchor="middle" dominant-baseline="central"
 fill="#fff" stroke="#000" stroke-width="${Math.max(1, fontSize / 14)}" paint-order="stroke">${text}</g>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The cue pictures of a video's burned captions, drawn once and shared by every segment's track. */
export interface CaptionPictures {
  cues: readonly Cue[];
  /** One PNG per cue, then a blank band (shown between cues). */
  files: string[];
  blank: string;
}

/** Draws every cue (and the blank band) into `dir`. */
export async function captionPictures(cues: readonly Cue[], width: number, layout: CaptionLayout, dir: string): Promise<CaptionPictures> {
  const blank = path.join(dir, 'cue-blank.png');
  await sharp({ create: { width, height: layout.bandHeight, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .png()
    .toFile(blank);
  const files: string[] = [];
  for (const [i, cue] of cues.entries()) {
    const file = path.join(dir, `cue-${i}.png`);
    await fs.writeFile(file, await cuePicture(cue.lines, width, layout));
    files.push(file);
  }
  return { cues, files, blank };
}

/**
 * The burned captions from `from` to `to` seconds of the video as one input for ffmpeg: a
 * concat list of cue pictures (the blank band between cues), each held for its time within
 * that window, times counted from `from`. A segment starting there overlays it, so a cue
 * that spans two segments continues across the join.
 */
export async function captionTrack(pictures: CaptionPictures, from: number, to: number, file: string): Promise<string> {
  const entries: string[] = ['ffconcat version 1.0'];
  const hold = (picture: string, start: number, end: number): void => {
    const seconds = Math.min(end, to) - Math.max(start, from);
    if (seconds <= 0) return;
    entries.push(`file '${path.basename(picture)}'`, `duration ${seconds.toFixed(3)}`);
  };
  let at = 0;
  for (const [i, cue] of pictures.cues.entries()) {
    hold(pictures.blank, at, cue.start);
    hold(pictures.files[i] as string, Math.max(at, cue.start), cue.end);
    at = Math.max(at, cue.end);
  }
  hold(pictures.blank, at, Math.max(to, at + 0.05));
  // The concat demuxer ignores the last entry's duration: a final blank ends the list.
  entries.push(`file '${path.basename(pictures.blank)}'`);
  await fs.writeFile(file, `${entries.join('\n')}\n`);
  return file;
}
