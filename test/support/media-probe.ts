import { spawnSync } from 'node:child_process';
import ffmpeg from '@ffmpeg-installer/ffmpeg';

export interface MediaFacts {
  durationSeconds: number;
  video?: { codec: string; width: number; height: number; pixelFormat: string };
  audio?: { codec: string; sampleRate: number };
  /** Container tags, lower-cased keys (title, comment…). */
  tags: Record<string, string>;
  raw: string;
}

/** What `ffmpeg -i` says about a file (the bundled build has no ffprobe): streams, duration, tags. */
export function probeMedia(file: string): MediaFacts {
  const run = spawnSync(ffmpeg.path, ['-hide_banner', '-i', file], { encoding: 'utf8' });
  const raw = run.stderr;
  const duration = /Duration: (\d+):(\d+):([\d.]+)/.exec(raw);
  const video = /Stream #\d+:\d+.*?: Video: (\w+)[^,]*, (\w+)[^,]*?(?:\([^)]*\))?, (\d+)x(\d+)/.exec(raw);
  const audio = /Stream #\d+:\d+.*?: Audio: (\w+)[^,]*, (\d+) Hz/.exec(raw);
  const tags: Record<string, string> = {};
  for (const match of raw.matchAll(/^\s{4}(\w+)\s*: (.*)$/gm)) tags[(match[1] as string).toLowerCase()] ??= match[2] as string;
  return {
    durationSeconds: duration ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]) : Number.NaN,
    video: video ? { codec: video[1] as string, pixelFormat: video[2] as string, width: Number(video[3]), height: Number(video[4]) } : undefined,
    audio: audio ? { codec: audio[1] as string, sampleRate: Number(audio[2]) } : undefined,
    tags,
    raw,
  };
}
