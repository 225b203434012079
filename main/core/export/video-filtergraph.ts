import { MOTION_ZOOM as ZOOM, type Move } from '../../../preload/video-motion.js';
import { CROSSFADE_SECONDS } from '../../../preload/video-motion.js';
import { VIDEO_FPS as FPS, type TimelineScene } from './video-timeline.js';

/** A transition's length in frames (12 at 24 fps). */
const X = Math.round(CROSSFADE_SECONDS * FPS);

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
 * One segment of the picture track: scene `own` (input 0) from the end of its fade-in to
 * its end, and, when the next scene (input 1) fades in over that end, the transition: a
 * cross-fade (the next picture fades in by alpha over this one) or a fade through black
 * (out, then in). The result is labelled `[picture]`. This ffmpeg (4.x) has no xfade
 * filter, hence the overlay.
 */
export function segmentGraph(own: GraphScene, next: GraphScene | undefined, width: number, height: number): string {
  const first = Math.round(own.overlap * FPS);
  const length = Math.round(own.duration * FPS) - first;
  const frames = pictureFrames(0, own, first, length, width, height);
  if (!next || next.overlap === 0) return `${frames}[picture]`;
  const body = length - X;
  const parts = [
    `${frames},split=2[whole][end]`,
    `[whole]trim=end_frame=${body}[body]`,
    `[end]trim=start_frame=${body},setpts=PTS-STARTPTS[tail]`,
    `${pictureFrames(1, next, 0, X, width, height)}[head]`,
  ];
  if (next.transition === 'fade-black') {
    const half = (X / 2 / FPS).toFixed(3);
    parts.push(
      `[tail]trim=end_frame=${X / 2},fade=t=out:st=0:d=${half}[out]`,
      `[head]trim=start_frame=${X / 2},setpts=PTS-STARTPTS,fade=t=in:st=0:d=${half}[into]`,
      '[body][out][into]concat=n=3:v=1:a=0,format=yuv420p[picture]',
    );
  } else {
    parts.push(
      `[head]format=yuva420p,fade=t=in:st=0:d=${CROSSFADE_SECONDS}:alpha=1[alpha]`,
      '[tail][alpha]overlay=eof_action=pass,format=yuv420p[fade]',
      '[body][fade]concat=n=2:v=1:a=0,format=yuv420p[picture]',
    );
  }
  return parts.join(';');
}

/** Burned captions: the caption track (input `input`, one band of `top` pixels down) drawn over `[picture]` → `[video]`. */
export function captionOverlay(input: number, top: number): string {
  return `[${input}:v]format=rgba[captions];[picture][captions]overlay=x=0:y=${top}:eof_action=repeat,format=yuv420p[video]`;
}
