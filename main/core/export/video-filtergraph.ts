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

/** A pan's window is at one of four positions between two whole pixels of the frame's 4:2:0 chroma. */
const PHASES = 4;

/**
 * Frames `offset`..`offset+length-1` of a pan over the still (YUV at the frame size, from
 * the chain `from`), ending in a chain the caller continues. The pan keeps its zoom: each
 * frame is a window of twice the frame's size over the still scaled up twice (times the
 * zoom), halved by averaging. The window moves in whole pixels of the doubled still, which
 * are half-pixel steps of the frame: smooth for a slow move, where whole pixels judder.
 *
 * Halving each frame from the doubled still cost 1.4 ms a 720p frame, a quarter of the
 * segment's CPU, so it is done four times, once: a window that starts `r` doubled pixels
 * in (r = 0..3), halved. Any position X is then phase X mod 4 cut at 2·⌊X/4⌋, an even
 * pixel (`crop` only moves a pointer, and on an even pixel the 4:2:0 chroma moves with
 * it), which is bit for bit the frame halved from the window at X. (Two phases, whole and
 * half pixels, were not enough: the chroma then moved in whole steps of its own on
 * alternate frames, which the encoder paid for with a quarter more bits.) `streamselect`
 * passes each frame from its phase without copying it; `sendcmd` switches it, from a list
 * of the frames where the phase changes (known in advance). The axis that does not move
 * is cut where the window sits on it.
 */
function panFrames(
  from: string,
  tag: string,
  move: Exclude<Move, 'off' | 'zoom-in' | 'zoom-out'>,
  frames: number,
  offset: number,
  length: number,
  width: number,
  height: number,
): string {
  const bigW = even(2 * width * (1 + ZOOM));
  const bigH = even(2 * height * (1 + ZOOM));
  const across = move === 'pan-left' || move === 'pan-right';
  const spare = across ? bigW - 2 * width : bigH - 2 * height;
  const still = across ? (bigH - 2 * height) / 2 : (bigW - 2 * width) / 2;
  const forwards = move === 'pan-right' || move === 'pan-down';
  // The window's position along the move, in pixels of the doubled still, for frame n of the
  // segment: the same in the crop's expression and in the switch list.
  const p = `((n+${offset})/${Math.max(1, frames - 1)})`;
  const at = `round(${spare}*${forwards ? p : `(1-${p})`})`;
  const position = (n: number) => {
    const along = (n + offset) / Math.max(1, frames - 1);
    return Math.round(spare * (forwards ? along : 1 - along));
  };
  const phase = (r: number) => {
    // Wide enough for the last position of this phase: 2·⌊X/4⌋ + the frame, doubled, from r.
    const reach = 2 * (across ? width : height) + PHASES * Math.floor((spare - r) / PHASES);
    const window = across ? `crop=w=${reach}:h=${2 * height}:x=${r}:y=${still}:exact=1` : `crop=w=${2 * width}:h=${reach}:x=${still}:y=${r}:exact=1`;
    const cut = across ? `x='2*floor(${at}/${PHASES})':y=0` : `x=0:y='2*floor(${at}/${PHASES})'`;
    return (
      `[${tag}${r}]${window},scale=${across ? reach / 2 : width}:${across ? height : reach / 2}:flags=area,` +
      `loop=loop=${length - 1}:size=1:start=0,settb=1/${FPS},setpts=N,crop=w=${width}:h=${height}:${cut}:exact=1[${tag}${r}out]`
    );
  };
  // Half a frame before each frame whose phase differs from the one before it.
  const switches: string[] = [];
  for (let n = 0, last = -1; n < length; n++) {
    const r = position(n) % PHASES;
    if (r !== last) switches.push(`${(Math.max(0, n - 0.5) / FPS).toFixed(4)} streamselect@${tag} map ${r}`);
    last = r;
  }
  const phases = Array.from({ length: PHASES }, (_, r) => r);
  return [
    `${from},scale=${bigW}:${bigH},split=${PHASES}${phases.map((r) => `[${tag}${r}]`).join('')}`,
    ...phases.map(phase),
    `[${tag}0out]sendcmd=c='${switches.join(';')}'[${tag}0cmd]`,
    `[${tag}0cmd]${phases
      .slice(1)
      .map((r) => `[${tag}${r}out]`)
      .join('')}streamselect@${tag}=inputs=${PHASES}:map=${position(0) % PHASES},setsar=1`,
  ].join(';');
}

/**
 * Frames `offset`..`offset+length-1` of a zoom that spans `frames` frames. A zoom changes
 * the window's size each frame, so it stays with zoompan over the still scaled up twice
 * (zoompan crops in whole pixels of its input: half-pixel steps again).
 */
function zoomFrames(move: 'zoom-in' | 'zoom-out', frames: number, offset: number, length: number, width: number, height: number): string {
  const along = `((on+${offset})/${Math.max(1, frames - 1)})`;
  const z = move === 'zoom-in' ? `1+${ZOOM}*${along}` : `${1 + ZOOM}-${ZOOM}*${along}`;
  const centre = "x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2'";
  return `scale=${width * 2}:${height * 2},zoompan=z='${z}':${centre}:d=${length}:s=${width}x${height}:fps=${FPS},setsar=1`;
}

export interface GraphScene extends TimelineScene {
  move: Move;
}

/**
 * Frames `offset`..`offset+length-1` of a scene's picture (input `input`), moving or held,
 * as YUV at the output rate: a chain the caller labels or continues. The still is converted
 * to YUV first, which makes each frame's resampling cheaper (planar, and the chroma planes
 * are a quarter of the size) for no visible difference.
 */
function pictureFrames(input: number, scene: GraphScene, offset: number, length: number, width: number, height: number): string {
  const frames = Math.round(scene.duration * FPS);
  const still = `[${input}:v]scale=${width}:${height},setsar=1,format=yuv420p`;
  const move = scene.move;
  const motion =
    move === 'off'
      ? `${still},loop=loop=${length - 1}:size=1:start=0,setsar=1`
      : move === 'zoom-in' || move === 'zoom-out'
        ? `${still},${zoomFrames(move, frames, offset, length, width, height)}`
        : panFrames(still, `m${input}`, move, frames, offset, length, width, height);
  return `${motion},setpts=N/${FPS}/TB`;
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
