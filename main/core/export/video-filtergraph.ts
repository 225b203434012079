import { MOTION_ZOOM as ZOOM, type Move } from '../../../preload/video-motion.js';
import { CROSSFADE_SECONDS } from '../../../preload/video-motion.js';
import { VIDEO_FPS as FPS, type TimelineScene } from './video-timeline.js';

/** A transition's length in frames (12 at 24 fps). */
export const TRANSITION_FRAMES = Math.round(CROSSFADE_SECONDS * FPS);
const X = TRANSITION_FRAMES;

/**
 * zoompan's zoom and top-left corner for frames `offset`..`offset+length-1` of a move that
 * spans `frames` frames, so a segment can render any window of it and still land on the
 * same picture as a render of the whole move. The still is scaled up twice first, so the
 * crop moves in half-pixel steps of the output: smooth enough for a slow move. It is
 * converted to YUV before that scale, which makes each frame's resampling cheaper (planar,
 * and the chroma planes are a quarter of the size) for no visible difference.
 */
function zoompan(move: Exclude<Move, 'off'>, frames: number, offset: number, length: number, width: number, height: number): string {
  const p = `((on+${offset})/${Math.max(1, frames - 1)})`;
  const z = move === 'zoom-in' ? `1+${ZOOM}*${p}` : move === 'zoom-out' ? `${1 + ZOOM}-${ZOOM}*${p}` : String(1 + ZOOM);
  const centreX = '(iw-iw/zoom)/2';
  const centreY = '(ih-ih/zoom)/2';
  const x = move === 'pan-right' ? `(iw-iw/zoom)*${p}` : move === 'pan-left' ? `(iw-iw/zoom)*(1-${p})` : centreX;
  const y = move === 'pan-down' ? `(ih-ih/zoom)*${p}` : move === 'pan-up' ? `(ih-ih/zoom)*(1-${p})` : centreY;
  return `format=yuv420p,scale=${width * 2}:${height * 2},zoompan=z='${z}':x='${x}':y='${y}':d=${length}:s=${width}x${height}:fps=${FPS},setsar=1`;
}

export interface GraphScene extends TimelineScene {
  move: Move;
}

/** Frames `offset`..`offset+length-1` of a scene's picture (input `input`), moving or held, as YUV at the output rate. */
function pictureFrames(input: number, scene: GraphScene, offset: number, length: number, width: number, height: number): string {
  const frames = Math.round(scene.duration * FPS);
  const motion =
    scene.move === 'off' ? `format=yuv420p,loop=loop=${length - 1}:size=1:start=0,setsar=1` : zoompan(scene.move, frames, offset, length, width, height);
  return `[${input}:v]scale=${width}:${height},setsar=1,${motion},setpts=N/${FPS}/TB`;
}

/**
 * Frames `offset`..`offset+length-1` of scene `own`'s picture (input 0), labelled `[picture]`:
 * the body of a segment. `then` is a filter run on them last (a held body's `select`).
 */
export function bodyGraph(own: GraphScene, offset: number, length: number, width: number, height: number, then?: string): string {
  return `${pictureFrames(0, own, offset, length, width, height)}${then ? `,${then}` : ''}[picture]`;
}

/**
 * The transition from scene `own` (input 0) into `next` (input 1), over the last `X` frames
 * of `own`: a cross-fade (the next picture fades in by alpha over this one) or a fade
 * through black (out, then in). Only the frames the transition shows are made. It is a
 * segment of its own because a graph that also made the scene's body (split, trim, concat
 * over two inputs) cost ffmpeg twice the CPU of the two made apart. The result is labelled
 * `[picture]`. This ffmpeg (4.x) has no xfade filter, hence the overlay.
 */
export function transitionGraph(own: GraphScene, next: GraphScene, width: number, height: number): string {
  const end = Math.round(own.duration * FPS) - X;
  if (next.transition === 'fade-black') {
    const half = (X / 2 / FPS).toFixed(3);
    return [
      `${pictureFrames(0, own, end, X / 2, width, height)},fade=t=out:st=0:d=${half}[out]`,
      `${pictureFrames(1, next, X / 2, X / 2, width, height)},fade=t=in:st=0:d=${half}[into]`,
      '[out][into]concat=n=2:v=1:a=0,format=yuv420p[picture]',
    ].join(';');
  }
  return [
    `${pictureFrames(0, own, end, X, width, height)}[tail]`,
    `${pictureFrames(1, next, 0, X, width, height)},format=yuva420p,fade=t=in:st=0:d=${CROSSFADE_SECONDS}:alpha=1[alpha]`,
    '[tail][alpha]overlay=eof_action=pass,format=yuv420p[picture]',
  ].join(';');
}

/**
 * A held picture (no motion) needs a new frame only where it changes: the segment's frames
 * pass through `select`, which keeps the first, one every `HELD_EVERY` (so a player or a
 * seek never waits long for a frame), those in `changes` (where a burned caption appears
 * or goes) and one near the end. The encoder then codes a few frames instead of every
 * repeat; each kept frame lasts until the next (the file has a variable frame rate).
 */
const HELD_EVERY = 24;
/**
 * At least this many frames in a held segment, however short: a few frames of a flat colour
 * make an MPEG-TS file of ten packets, which ffmpeg (the join's concat demuxer) takes for an
 * MPEG program stream and cannot open. Twelve frames are twelve packets or more.
 */
const HELD_AT_LEAST = 12;

/**
 * The `select` filter that keeps the frames a held segment of `length` frames needs (see
 * `HELD_EVERY`). Unless it ends the video, its last kept frame is the third from the end:
 * the next segment's decoding times start two frames (its B-frame delay) before its first
 * picture, and a later frame here would collide with them at the join. It shows the same
 * picture until the next segment's first (a caption change in those two frames waits for it).
 */
export function heldSelect(length: number, changes: readonly number[], endsVideo: boolean): string {
  const last = Math.max(0, endsVideo ? length - 1 : length - 3);
  const every = Math.max(1, Math.min(HELD_EVERY, Math.floor(length / HELD_AT_LEAST)));
  const extra = [...new Set([last, ...changes.map((n) => Math.min(n, last))])].filter((n) => n > 0 && n % every !== 0).sort((a, b) => a - b);
  // Counted in 1/24 s from here: a kept frame's time must not be rounded onto its neighbour's.
  return `settb=1/${FPS},setpts=N,select='lte(n,${last})*not(mod(n,${every}))${extra.map((n) => `+eq(n,${n})`).join('')}'`;
}

/** Burned captions: the caption track (input `input`, one band of `top` pixels down) drawn over `[picture]` → `[video]`. */
export function captionOverlay(input: number, top: number): string {
  return `[${input}:v]format=rgba[captions];[picture][captions]overlay=x=0:y=${top}:eof_action=repeat,format=yuv420p[video]`;
}
