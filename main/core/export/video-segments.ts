import fs from 'node:fs/promises';
import path from 'node:path';
import { captionTrack, type CaptionPictures } from './caption-burn.js';
import { runFfmpegWithProgress } from './ffmpeg-progress.js';
import { CODECS, type VideoFormat } from './video-codecs.js';
import { TRANSITION_FRAMES as X, captionOverlay, heldSelect, segmentGraph, type GraphScene } from './video-filtergraph.js';
import { VIDEO_FPS as FPS } from './video-timeline.js';

/**
 * A piece of the picture track: scene `scene` from its first frame (its fade-in, when it
 * has one) to the start of its fade-out (or its end).
 */
interface VideoSegment {
  scene: number;
  /** Where it starts on the video's timeline, in seconds, and its length in frames. */
  start: number;
  frames: number;
  /** How many of its first frames are the transition from the scene before (0 after a cut). */
  fadeIn: number;
}

/**
 * The segments, back to back, one per scene: each begins with the transition into it (the
 * last frames of the scene before, overlapped) and ends where the next one's begins, so
 * they tile the timeline exactly.
 */
export function planSegments(scenes: readonly GraphScene[]): VideoSegment[] {
  return scenes.map((scene, i) => {
    const whole = Math.round(scene.duration * FPS);
    const fadeIn = Math.round(scene.overlap * FPS) > 0 && i > 0 ? X : 0;
    const fadesOut = (scenes[i + 1]?.overlap ?? 0) > 0;
    return { scene: i, start: scene.start, frames: whole - (fadesOut ? X : 0), fadeIn };
  });
}

interface SegmentJob {
  scenes: readonly GraphScene[];
  /** Each scene's picture at the frame size (a file), ready when its promise settles. */
  frames: readonly Promise<string>[];
  width: number;
  height: number;
  format: VideoFormat;
  /** Burned captions: their pictures and the band's top edge. */
  captions?: { pictures: CaptionPictures; top: number };
  work: string;
}

/** The frames of `segment` (counted from its start) where a burned caption appears or goes. */
function captionChanges(job: SegmentJob, segment: VideoSegment): number[] {
  const times = job.captions?.pictures.cues.flatMap((cue) => [cue.start, cue.end]) ?? [];
  // The overlay shows a caption from the first frame at or after its time.
  return times.map((t) => Math.ceil((t - segment.start) * FPS - 1e-6)).filter((n) => n > 0 && n < segment.frames);
}

/**
 * ffmpeg's arguments for one segment: at most three inputs (this picture, the one before
 * for a transition, the captions of this stretch of time), so its memory does not grow
 * with the number of scenes.
 */
async function segmentArgs(job: SegmentJob, segment: VideoSegment, index: number, out: string, endsVideo: boolean, startsLast: boolean): Promise<string[]> {
  const own = job.scenes[segment.scene] as GraphScene;
  const previous = segment.fadeIn > 0 ? job.scenes[segment.scene - 1] : undefined;
  const inputs = [
    '-i',
    await (job.frames[segment.scene] as Promise<string>),
    ...(previous ? ['-i', await (job.frames[segment.scene - 1] as Promise<string>)] : []),
  ];
  const held = own.move === 'off';
  const keep = held ? heldSelect(segment.frames, captionChanges(job, segment), endsVideo, segment.fadeIn) : undefined;
  const graph = [segmentGraph(own, previous, segment.frames, job.width, job.height, keep)];
  if (job.captions) {
    const list = path.join(job.work, `captions-${index}.ffconcat`);
    await captionTrack(job.captions.pictures, segment.start, segment.start + segment.frames / FPS, list);
    inputs.push('-f', 'concat', '-safe', '0', '-i', list);
    graph.push(captionOverlay(inputs.filter((a) => a === '-i').length - 1, job.captions.top));
  } else graph.push('[picture]null[video]');
  return [
    '-y',
    ...inputs,
    '-filter_complex',
    graph.join(';'),
    '-map',
    '[video]',
    // The encoder counts in 1/24 s either way; a held body keeps the gaps `select` left.
    '-r',
    String(FPS),
    // Past its last kept frame, the caption overlay can add one at the end of the window: cut.
    ...(held ? ['-vsync', 'vfr', '-t', (segment.frames / FPS).toFixed(6)] : []),
    '-frames:v',
    String(segment.frames),
    ...CODECS[job.format].video,
    ...(held ? CODECS[job.format].held : []),
    ...(startsLast ? CODECS[job.format].last : []),
    out,
  ];
}

/**
 * About how much work a segment is, in moving frames: a zoom makes a new scaler for each
 * frame (zoompan; measured about 1.6 times a pan's frame, encoding included), a held picture
 * codes only its transition and one frame a second.
 */
function segmentCost(scene: GraphScene, segment: VideoSegment): number {
  if (scene.move === 'off') return segment.fadeIn + segment.frames / FPS;
  return segment.frames * (scene.move === 'zoom-in' || scene.move === 'zoom-out' ? 1.6 : 1);
}

/**
 * The order in which to encode the segments: costliest first, so that the last to run are
 * short ones and the cores finish together (a zoom started last ran alone for a second).
 * Ties keep the scenes' order.
 */
export function segmentOrder(scenes: readonly GraphScene[]): number[] {
  const segments = planSegments(scenes);
  const cost = segments.map((segment) => segmentCost(scenes[segment.scene] as GraphScene, segment));
  return segments.map((_, i) => i).sort((a, b) => (cost[b] as number) - (cost[a] as number) || a - b);
}

/**
 * Encodes every segment into the work folder, costliest first (`segmentOrder`), and writes
 * the concat list that joins them in the scenes' order (by stream copy). `onFrames` hears
 * how many frames of the whole are done so far.
 */
export function segmentTasks(
  job: SegmentJob,
  onFrames: (done: number) => void,
  signal: AbortSignal,
): { tasks: (() => Promise<void>)[]; list: Promise<string> } {
  const segments = planSegments(job.scenes);
  const files = segments.map((_, i) => path.join(job.work, `segment-${i}.${CODECS[job.format].segment}`));
  const progress = segments.map(() => 0);
  const report = () => onFrames(progress.reduce((a, b) => a + b, 0));
  let toStart = segments.length;
  const tasks = segmentOrder(job.scenes).map((i) => async () => {
    const segment = segments[i] as VideoSegment;
    toStart -= 1;
    const args = await segmentArgs(job, segment, i, files[i] as string, i === segments.length - 1, toStart === 0);
    const seconds = segment.frames / FPS;
    await runFfmpegWithProgress(args, seconds, (f) => ((progress[i] = f * segment.frames), report()), signal);
    progress[i] = segment.frames;
    report();
  });
  const list = path.join(job.work, 'video.ffconcat');
  // Each segment's length is given: a held body's last frame does not say how long it lasts.
  const entries = files.map((f, i) => `file '${path.basename(f)}'\nduration ${((segments[i] as VideoSegment).frames / FPS).toFixed(6)}`);
  const written = fs.writeFile(list, `ffconcat version 1.0\n${entries.join('\n')}\n`).then(() => list);
  return { tasks, list: written };
}
