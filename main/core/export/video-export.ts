import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportResolution } from '../../../preload/schemas/export.js';
import { AtelierError } from '../../../preload/errors.js';
import { mixWithDucking } from '../audio/duck.js';
import { makeWorkFolder } from '../files/work-folder.js';
import type { JobContext } from '../jobs/job-manager.js';
import { decodeToMono, runFfmpegWithProgress } from './ffmpeg-progress.js';
import { originLine, sceneHeading, sceneMedia, type ExportSource } from './export-source.js';
import { letterboxed, titleCard } from './title-card.js';
import { CROSSFADE_SECONDS, VIDEO_FPS as FPS, planTimeline } from './video-timeline.js';

export type VideoFormat = 'mp4' | 'webm';

const SIZE: Record<ExportResolution, { width: number; height: number }> = {
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
};
const SAMPLE_RATE = 48_000;
/** Sound beds sit this far under the narration when nobody speaks, and duck further under speech. */
const BED_DB = -8;

const CODECS: Record<VideoFormat, string[]> = {
  mp4: [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-ac',
    '2',
    '-c:a',
    'aac',
    '-b:a',
    '160k',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
  ],
  webm: [
    ...['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '34', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-pix_fmt', 'yuv420p'],
    ...['-ac', '2', '-c:a', 'libopus', '-b:a', '96k', '-f', 'webm'],
  ],
};

/**
 * A narrated slideshow: each picture (letterboxed, or a title card) on screen while its
 * narration plays, cross-faded into the next, sound beds ducked under the narration.
 * Frames and the mixed soundtrack are prepared in a private temp folder; ffmpeg encodes.
 */
export async function exportVideo(source: ExportSource, format: VideoFormat, resolution: ExportResolution, out: string, context: JobContext): Promise<void> {
  const media = await sceneMedia(source);
  if (media.length === 0) throw new AtelierError('INVALID_INPUT', 'The project has no scenes to make a video of.');
  const { width, height } = SIZE[resolution];
  const work = await makeWorkFolder('video');
  try {
    const frames: string[] = [];
    const narrations: (Float32Array | undefined)[] = [];
    for (const [i, m] of media.entries()) {
      if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      context.progress({ fraction: (0.2 * i) / media.length, detail: `preparing scene ${i + 1}/${media.length}` });
      const frame = path.join(work, `frame-${i}.png`);
      await fs.writeFile(frame, m.image ? await letterboxed(m.image.path, width, height) : await titleCard(sceneHeading(m.scene, i), width, height));
      frames.push(frame);
      narrations.push(m.narration ? await decodeToMono(m.narration.path, SAMPLE_RATE, context.signal) : undefined);
    }
    const timeline = planTimeline(narrations.map((n) => (n ? n.length / SAMPLE_RATE : undefined)));
    const beds = await Promise.all(media.map(async (m) => (m.bed ? decodeToMono(m.bed.path, SAMPLE_RATE, context.signal) : undefined)));
    const soundtrack = path.join(work, 'soundtrack.f32');
    await fs.writeFile(soundtrack, mixSoundtrack(timeline, narrations, beds));
    context.progress({ fraction: 0.2, detail: 'encoding' });

    // Each picture is read once and repeated in the filter graph (looping the input would decode the PNG for every frame).
    const inputs = frames.flatMap((frame) => ['-i', frame]);
    const credits = media.flatMap((m, i) => (m.image ? [`${sceneHeading(m.scene, i)}: ${originLine(m.image.asset)}`] : [])).join('; ');
    const args = [
      '-y',
      ...inputs,
      ...['-f', 'f32le', '-ar', String(SAMPLE_RATE), '-ac', '1', '-i', soundtrack],
      ...['-filter_complex', slideshowFilter(timeline.scenes, width, height)],
      ...['-map', '[video]', '-map', `${frames.length}:a`, '-r', String(FPS), '-t', seconds(timeline.total), '-max_muxing_queue_size', '4096'],
      ...['-metadata', `title=${source.data.title}`, '-metadata', `comment=${`Made with Atelier. ${credits}`.slice(0, 2000)}`],
      ...CODECS[format],
      out,
    ];
    await runFfmpegWithProgress(
      args,
      timeline.total,
      (f) => context.progress({ fraction: 0.2 + 0.8 * f, detail: `encoding ${format.toUpperCase()} ${Math.round(f * 100)}%` }),
      context.signal,
    );
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function seconds(value: number): string {
  return value.toFixed(3);
}

/**
 * This ffmpeg (4.x) has no xfade filter, so the slideshow is a concat of pieces: each
 * scene's still part, and between two scenes a cross-fade where the next picture fades
 * in (alpha) over the end of the previous one. Only the fades overlay anything, so the
 * cost stays one picture per frame.
 */
function slideshowFilter(scenes: { duration: number }[], width: number, height: number): string {
  const X = CROSSFADE_SECONDS;
  const last = scenes.length - 1;
  const parts: string[] = [];
  const pieces: string[] = [];
  scenes.forEach((scene, i) => {
    const outputs = [`body${i}`, ...(i < last ? [`tail${i}`] : []), ...(i > 0 ? [`head${i}`] : [])];
    const frames = Math.round(scene.duration * FPS);
    const prepared = `[${i}:v]scale=${width}:${height},setsar=1,format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/${FPS}/TB`;
    parts.push(outputs.length === 1 ? `${prepared}[in${i}b]` : `${prepared},split=${outputs.length}${outputs.map((o) => `[in${i}${o[0]}]`).join('')}`);
    const from = i > 0 ? X : 0;
    const to = i < last ? scene.duration - X : scene.duration;
    parts.push(`[in${i}b]trim=start=${seconds(from)}:end=${seconds(to)},setpts=PTS-STARTPTS[body${i}]`);
    if (i < last) parts.push(`[in${i}t]trim=start=${seconds(scene.duration - X)}:end=${seconds(scene.duration)},setpts=PTS-STARTPTS[tail${i}]`);
    if (i > 0) parts.push(`[in${i}h]trim=start=0:end=${seconds(X)},setpts=PTS-STARTPTS,format=yuva420p,fade=t=in:st=0:d=${X}:alpha=1[head${i}]`);
  });
  scenes.forEach((_, i) => {
    pieces.push(`[body${i}]`);
    if (i < last) {
      parts.push(`[tail${i}][head${i + 1}]overlay=eof_action=pass,format=yuv420p[fade${i}]`);
      pieces.push(`[fade${i}]`);
    }
  });
  parts.push(`${pieces.join('')}concat=n=${pieces.length}:v=1:a=0,format=yuv420p[video]`);
  return parts.join(';');
}

/** The whole soundtrack as raw 32-bit float mono: narrations at their places, beds ducked under them. */
function mixSoundtrack(
  timeline: ReturnType<typeof planTimeline>,
  narrations: readonly (Float32Array | undefined)[],
  beds: readonly (Float32Array | undefined)[],
): Buffer {
  const track = new Float32Array(Math.ceil(timeline.total * SAMPLE_RATE));
  timeline.scenes.forEach((scene, i) => {
    const from = Math.round(scene.start * SAMPLE_RATE);
    const length = Math.min(Math.round(scene.duration * SAMPLE_RATE), track.length - from);
    const voice = new Float32Array(length);
    const narration = narrations[i];
    if (narration)
      voice.set(
        narration.subarray(0, Math.max(0, length - Math.round((scene.narrationAt - scene.start) * SAMPLE_RATE))),
        Math.round((scene.narrationAt - scene.start) * SAMPLE_RATE),
      );
    const bedSource = beds[i];
    let segment: Float32Array = voice;
    if (bedSource && bedSource.length > 0) {
      // The bed loops to fill the scene and fades in and out with the picture.
      const bed = new Float32Array(length);
      const ramp = Math.round(CROSSFADE_SECONDS * SAMPLE_RATE);
      for (let n = 0; n < length; n++) bed[n] = (bedSource[n % bedSource.length] ?? 0) * Math.min(1, n / ramp, (length - n) / ramp);
      segment = mixWithDucking(voice, bed, SAMPLE_RATE, { bedDb: BED_DB }).mix;
    }
    for (let n = 0; n < length; n++) track[from + n] = Math.max(-1, Math.min(1, (track[from + n] ?? 0) + (segment[n] ?? 0)));
  });
  return Buffer.from(track.buffer, track.byteOffset, track.byteLength);
}
