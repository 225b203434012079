import type { SceneTransition } from '../../../preload/schemas/video.js';
import { CROSSFADE_SECONDS, TAIL_SECONDS } from '../../../preload/video-motion.js';

/** How long a scene without narration stays on screen. */
export const SILENT_SCENE_SECONDS = 4;
/** Frames per second of the slideshow: 24 puts the 0.5 s cross-fade on whole frames. */
export const VIDEO_FPS = 24;
/** The shortest scene: a fade in, a moment on screen, a fade out. */
const MIN_SCENE_SECONDS = 2 * CROSSFADE_SECONDS + 0.5;

export interface TimelineScene {
  /** When the scene starts fading in, in seconds from the start. */
  start: number;
  /** How long its picture is on screen, fade-in included. */
  duration: number;
  /** When its narration starts (after its fade-in has finished). */
  narrationAt: number;
  /** How it enters from the scene before: cut (no overlap) or a fade over `overlap` seconds. */
  transition: SceneTransition;
  /** Seconds it overlaps the scene before: 0 for a cut and for the first scene. */
  overlap: number;
}

/** What a scene asks of the timeline; absent fields take the defaults. */
interface SceneTiming {
  transition?: SceneTransition;
  /** A fixed length on screen, whatever the narration says. */
  durationSeconds?: number;
}

/** Whole frames, so the video's pieces add up exactly to the soundtrack's length. */
function onFrames(seconds: number): number {
  return Math.ceil(seconds * VIDEO_FPS - 1e-6) / VIDEO_FPS;
}

/**
 * Where every scene sits on the video's timeline. A narrated scene lasts its narration
 * plus a lead-in (its fade-in) and a short tail, rounded up to whole frames, so two
 * narrations never overlap; a fixed duration replaces that. Each next scene fades in over
 * the last `CROSSFADE_SECONDS` of the one before, unless it enters with a cut.
 */
export function planTimeline(
  narrationSeconds: readonly (number | undefined)[],
  timings: readonly (SceneTiming | undefined)[] = [],
): { scenes: TimelineScene[]; total: number } {
  const scenes: TimelineScene[] = [];
  let start = 0;
  narrationSeconds.forEach((seconds, i) => {
    const timing = timings[i];
    const transition: SceneTransition = i === 0 ? 'cut' : (timing?.transition ?? 'cross-fade');
    const overlap = transition === 'cut' ? 0 : CROSSFADE_SECONDS;
    const previous = scenes.at(-1);
    if (previous) start = previous.start + previous.duration - overlap;
    const natural = seconds === undefined ? SILENT_SCENE_SECONDS : seconds + CROSSFADE_SECONDS + TAIL_SECONDS;
    const duration = onFrames(Math.max(MIN_SCENE_SECONDS, timing?.durationSeconds ?? natural));
    scenes.push({ start, duration, narrationAt: start + CROSSFADE_SECONDS, transition, overlap });
  });
  const last = scenes.at(-1);
  return { scenes, total: last ? last.start + last.duration : 0 };
}
