/** Seconds of cross-fade between scenes. */
export const CROSSFADE_SECONDS = 0.5;
/** How long a scene without narration stays on screen. */
export const SILENT_SCENE_SECONDS = 4;
/** Quiet after a narration ends, before the next scene starts fading in. */
export const TAIL_SECONDS = 0.25;
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
}

/**
 * Where every scene sits on the video's timeline. A narrated scene lasts its narration
 * plus the fade-in and a short tail (rounded up to whole frames), so two narrations never
 * overlap; each next scene fades in over the last `CROSSFADE_SECONDS` of the one before.
 */
export function planTimeline(narrationSeconds: readonly (number | undefined)[]): { scenes: TimelineScene[]; total: number } {
  const scenes: TimelineScene[] = [];
  let start = 0;
  for (const seconds of narrationSeconds) {
    const wanted = seconds === undefined ? SILENT_SCENE_SECONDS : Math.max(MIN_SCENE_SECONDS, seconds + CROSSFADE_SECONDS + TAIL_SECONDS);
    // Whole frames, so the video's pieces add up exactly to the soundtrack's length.
    const duration = Math.ceil(wanted * VIDEO_FPS - 1e-6) / VIDEO_FPS;
    scenes.push({ start, duration, narrationAt: start + CROSSFADE_SECONDS });
    start += duration - CROSSFADE_SECONDS;
  }
  const last = scenes.at(-1);
  return { scenes, total: last ? last.start + last.duration : 0 };
}
