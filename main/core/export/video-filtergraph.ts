import { MOTION_ZOOM as ZOOM, type Move } from '../../../preload/video-motion.js';
import { CROSSFADE_SECONDS } from '../../../preload/video-motion.js';
import { VIDEO_FPS as FPS, type TimelineScene } from './video-timeline.js';

/** A transition's length in frames (12 at 24 fps). */
export const TRANSITION_FRAMES = Math.round(CROSSFADE_SECONDS * FPS);
const X = TRANSITION_FRAMES;

/** Even, as a 4:2:0 frame's sides must be. */
function even(n: number): number {
  return 2 * Math.round(n / 2);
}

/**
 * Frames `offset`..`offset+length-1` of a move that spans `frames` frames, so a segment can
 * render any window of it and still land on the same picture as a render of the whole move.
 * The still is converted to YUV first, which makes each frame's resampling cheaper (planar,
 * and the chroma planes are a quarter of the size) for no visible difference.
 *
 * A pan keeps its zoom, so its window has one size: the still is scaled once to twice the
 * frame times the zoom, a window of twice the frame slides over it (`crop`, which moves a
 * pointer), and each frame is halved by averaging (`area`). The window moves in whole
 * pixels of the doubled still, half-pixel steps of the output: smooth for a slow move, as
 * before, for about a third of zoompan's cost, which makes a new scaler for every frame.
 * `exact` keeps odd positions (without it, crop rounds them down to even, whole-pixel steps).
 *
 * A zoom changes the window's size each frame, so it stays with zoompan over the still
 * scaled up twice (zoompan crops in whole pixels of its input: half-pixel steps again).
 */
function motionFrames(move: Exclude<Move, 'off'>, frames: number, offset: number, length: number, width: number, height: number): string {
  // How far along the move a frame is, 0 to 1, from the filter's own frame counter.
  const along = (counter: 'n' | 'on') => `((${counter}+${offset})/${Math.max(1, frames - 1)})`;
  if (move.startsWith('pan-')) {
    const p = along('n');
    const bigW = even(2 * width * (1 + ZOOM));
    const bigH = even(2 * height * (1 + ZOOM));
    const spareX = bigW - 2 * width;
    const spareY = bigH - 2 * height;
    const x = move === 'pan-right' ? `${spareX}*${p}` : move === 'pan-left' ? `${spareX}*(1-${p})` : String(spareX / 2);
    const y = move === 'pan-down' ? `${spareY}*${p}` : move === 'pan-up' ? `${spareY}*(1-${p})` : String(spareY / 2);
    return (
      `format=yuv420p,scale=${bigW}:${bigH},loop=loop=${length - 1}:size=1:start=0,` +
      `crop=w=${2 * width}:h=${2 * height}:x='${x}':y='${y}':exact=1,scale=${width}:${height}:flags=area,setsar=1`
    );
  }
  const z = move === 'zoom-in' ? `1+${ZOOM}*${along('on')}` : `${1 + ZOOM}-${ZOOM}*${along('on')}`;
  const centre = "x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2'";
  return `format=yuv420p,scale=${width * 2}:${height * 2},zoompan=z='${z}':${centre}:d=${length}:s=${width}x${height}:fps=${FPS},setsar=1`;
}

export interface GraphScene extends TimelineScene {
  move: Move;
}

/** Frames `offset`..`offset+length-1` of a scene's picture (input `input`), moving or held, as YUV at the output rate. */
function pictureFrames(input: number, scene: GraphScene, offset: number, length: number, width: number, height: number): string {
  const frames = Math.round(scene.duration * FPS);
  const motion =
    scene.move === 'off' ? `format=yuv420p,loop=loop=${length - 1}:size=1:start=0,setsar=1` : motionFrames(scene.move, frames, offset, length, width, height);
  return `[${input}:v]scale=${width}:${height},setsar=1,${motion},setpts=N/${FPS}/TB`;
}

/**
 * The first `length` frames of scene `own`'s picture (input 0), labelled `[picture]`: one
 * segment of the video. When the scene fades in from `previous` (input 1), its first `X`
 * frames are the transition over the last `X` frames of the scene before: a cross-fade
 * (the picture before fades out by alpha over this one, then stops, and the rest passes
 * through untouched) or a fade through black (out, then in). The transition is made in
 * the same run as the body it leads into: a run of its own cost an encoder's start (a
 * second for VP9) and both pictures' set-up for twelve frames. `then` is a filter run on
 * the frames last (a held body's `select`). This ffmpeg (4.x) has no xfade filter, hence
 * the overlay.
 */
export function segmentGraph(own: GraphScene, previous: GraphScene | undefined, length: number, width: number, height: number, then?: string): string {
  const last = then ? `,${then}` : '';
  if (!previous) return `${pictureFrames(0, own, 0, length, width, height)}${last}[picture]`;
  const end = Math.round(previous.duration * FPS) - X;
  if (own.transition === 'fade-black') {
    const half = (X / 2 / FPS).toFixed(3);
    return [
      `${pictureFrames(1, previous, end, X / 2, width, height)},fade=t=out:st=0:d=${half}[out]`,
      `${pictureFrames(0, own, X / 2, length - X / 2, width, height)},fade=t=in:st=0:d=${half}[into]`,
      `[out][into]concat=n=2:v=1:a=0,format=yuv420p${last}[picture]`,
    ].join(';');
  }
  return [
    `${pictureFrames(0, own, 0, length, width, height)}[own]`,
    `${pictureFrames(1, previous, end, X, width, height)},format=yuva420p,fade=t=out:st=0:d=${CROSSFADE_SECONDS}:alpha=1[tail]`,
    `[own][tail]overlay=eof_action=pass,format=yuv420p${last}[picture]`,
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
 * `HELD_EVERY`); its first `moving` frames (a transition into it) are all kept. Unless it
 * ends the video, its last kept frame is the third from the end: the next segment's
 * decoding times start two frames (its B-frame delay) before its first picture, and a
 * later frame here would collide with them at the join. It shows the same picture until
 * the next segment's first (a caption change in those two frames waits for it).
 */
export function heldSelect(length: number, changes: readonly number[], endsVideo: boolean, moving = 0): string {
  const last = Math.max(moving, endsVideo ? length - 1 : length - 3);
  const every = Math.max(1, Math.min(HELD_EVERY, Math.floor((length - moving) / HELD_AT_LEAST)));
  const extra = [...new Set([last, ...changes.map((n) => Math.min(n, last))])].filter((n) => n > moving && (n - moving) % every !== 0).sort((a, b) => a - b);
  const held = moving > 0 ? `lt(n,${moving})+gte(n,${moving})*lte(n,${last})*not(mod(n-${moving},${every}))` : `lte(n,${last})*not(mod(n,${every}))`;
  // Counted in 1/24 s from here: a kept frame's time must not be rounded onto its neighbour's.
  return `settb=1/${FPS},setpts=N,select='${held}${extra.map((n) => `+eq(n,${n})`).join('')}'`;
}

/** Burned captions: the caption track (input `input`, one band of `top` pixels down) drawn over `[picture]` → `[video]`. */
export function captionOverlay(input: number, top: number): string {
  return `[${input}:v]format=rgba[captions];[picture][captions]overlay=x=0:y=${top}:eof_action=repeat,format=yuv420p[video]`;
}
