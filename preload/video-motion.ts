import type { SceneMotion } from './schemas/video.js';

// The move a scene's still makes, shared by the export's filter graph and the studio's
// player, so `auto` picks the same move in both.

/** A move a scene's still makes; `off` holds it. */
export type Move = Exclude<SceneMotion, 'auto'>;

const MOVES: readonly Move[] = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left', 'pan-up', 'pan-down'];

/** Seconds of cross-fade (or fade through black) between scenes; a scene's narration starts once its fade-in is over. */
export const CROSSFADE_SECONDS = 0.5;
/** Quiet after a narration ends, before the next scene starts fading in. */
export const TAIL_SECONDS = 0.25;

/** How far a move goes: the picture grows by at most this much. */
export const MOTION_ZOOM = 0.1;

/** `auto` as a move picked from the scene's id: the same scene moves the same way on every export. */
export function resolveMove(motion: SceneMotion | undefined, sceneId: string): Move {
  if (motion && motion !== 'auto') return motion;
  let hash = 2166136261;
  for (const char of sceneId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return MOVES[hash % MOVES.length] ?? 'zoom-in';
}
