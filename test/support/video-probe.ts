import { spawnSync } from 'node:child_process';
import ffmpeg from '@ffmpeg-installer/ffmpeg';

/** Debian's ffprobe: an independent reader of what the bundled ffmpeg wrote. */
export const FFPROBE = '/usr/bin/ffprobe';

export interface ProbeStream {
  index: number;
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
}

export interface Probe {
  streams: ProbeStream[];
  chapters: { start_time: string; end_time: string; tags?: Record<string, string> }[];
  format: { duration: string; tags?: Record<string, string> };
}

export function ffprobe(file: string): Probe {
  const run = spawnSync(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_chapters', '-show_format', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffprobe ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Probe;
}

/** Integrated loudness (LUFS) and true peak (dBTP) of a file's audio, as `ffmpeg -af ebur128=peak=true` reports them. */
export function loudnessOf(file: string): { integrated: number; truePeak: number } {
  // This ffmpeg's ebur128 has no framelog option: its per-frame lines go to stderr, the summary last.
  const run = spawnSync(ffmpeg.path, ['-hide_banner', '-nostats', '-i', file, '-map', '0:a', '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const summary = run.stderr.slice(run.stderr.lastIndexOf('Summary:'));
  return {
    integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]),
    truePeak: Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]),
  };
}

/** One frame at `seconds` as 8-bit grey pixels. */
export function grayFrame(file: string, seconds: number): { width: number; height: number; pixels: Buffer } {
  const run = spawnSync(ffmpeg.path, ['-v', 'error', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const probe = ffprobe(file).streams.find((s) => s.codec_type === 'video' && !s.disposition?.['attached_pic']);
  return { width: probe?.width ?? 0, height: probe?.height ?? 0, pixels: run.stdout };
}

/** Mean absolute difference (0..255) of two frames in rows [top, bottom). */
export function regionDifference(a: ReturnType<typeof grayFrame>, b: ReturnType<typeof grayFrame>, top: number, bottom: number): number {
  let sum = 0;
  let count = 0;
  for (let y = Math.max(0, top); y < Math.min(a.height, bottom); y++)
    for (let x = 0; x < a.width; x++) {
      sum += Math.abs((a.pixels[y * a.width + x] ?? 0) - (b.pixels[y * b.width + x] ?? 0));
      count++;
    }
  return count ? sum / count : 0;
}

/** Writes one frame at `seconds` as a PNG, for a person to look at. */
export function saveFrame(file: string, seconds: number, to: string): void {
  const run = spawnSync(ffmpeg.path, ['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', to]);
  if (run.status !== 0) throw new Error(String(run.stderr));
}

export interface ParsedCue {
  start: number;
  end: number;
  lines: string[];
}

/** SRT or WebVTT cues, parsed by hand (no code shared with the exporter). */
export function parseCues(text: string): ParsedCue[] {
  const time = (t: string): number => {
    const [h, m, s] = t.replace(',', '.').split(':').map(Number);
    return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
  };
  const cues: ParsedCue[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\n+/)) {
    const lines = block.split('\n').filter(Boolean);
    const at = lines.findIndex((l) => l.includes('-->'));
    if (at < 0) continue;
    const [from, to] = (lines[at] as string).split('-->').map((s) => s.trim());
    cues.push({ start: time(from ?? ''), end: time(to ?? ''), lines: lines.slice(at + 1) });
  }
  return cues;
}
