import { MOTION_ZOOM as ZOOM, type Move } from '../../../preload/video-motion.js';
import { CROSSFADE_SECONDS } from '../../../preload/video-motion.js';
import { VIDEO_FPS as FPS, type TimelineScene } from './video-timeline.js';

function seconds(value: number): string {
  return value.toFixed(3);
}

/**
 * zoompan's zoom and top-left corner per output frame `on` (0..frames-1). The still is
 * scaled up twice first, so the crop moves in half-pixel steps of the output: smooth
 * enough for a slow move, at the cost of one large scale per scene.
 */
function zoompan(move: Exclude<Move, 'off'>, frames: number, width: number, height: number): string {
  const p = `(on/${Math.max(1, frames - 1)})`;
  const z = move === 'zoom-in' ? `1+${ZOOM}*${p}` : move === 'zoom-out' ? `${1 + ZOOM}-${ZOOM}*${p}` : String(1 + ZOOM);
  const centreX = '(iw-iw/zoom)/2';
  const centreY = '(ih-ih/zoom)/2';
  const x = move === 'pan-right' ? `(iw-iw/zoom)*${p}` : move === 'pan-left' ? `(iw-iw/zoom)*(1-${p})` : centreX;
  const y = move === 'pan-down' ? `(ih-ih/zoom)*${p}` : move === 'pan-up' ? `(ih-ih/zoom)*(1-${p})` : centreY;
  return `scale=${width * 2}:${height * 2},zoompan=z='${z}':x='${x}':y='${y}':d=${frames}:s=${width}x${height}:fps=${FPS}`;
}

interface GraphScene extends TimelineScene {
  move: Move;
}

/**
 * The picture track. This ffmpeg (4.x) has no xfade filter, so the video is a concat of
 * pieces: each scene's own part and, between two scenes, its transition: a cross-fade
 * (the next picture fades in over the end of the one before, by alpha), a fade through
 * black (out, then in), or nothing for a cut. Input `i` is scene i's picture at the frame
 * size; the result is labelled `[video]`.
 */
export function pictureGraph(scenes: readonly GraphScene[], width: number, height: number): string {
  const X = CROSSFADE_SECONDS;
  const parts: string[] = [];
  const pieces: string[] = [];
  scenes.forEach((scene, i) => {
    const next = scenes[i + 1];
    const tail = next && next.overlap > 0;
    const head = scene.overlap > 0;
    const outputs = ['b', ...(tail ? ['t'] : []), ...(head ? ['h'] : [])];
    const frames = Math.round(scene.duration * FPS);
    const motion = scene.move === 'off' ? `loop=loop=${frames - 1}:size=1:start=0` : zoompan(scene.move, frames, width, height);
    const prepared = `[${i}:v]scale=${width}:${height},setsar=1,${motion},setsar=1,format=yuv420p,setpts=N/${FPS}/TB`;
    parts.push(outputs.length === 1 ? `${prepared}[in${i}b]` : `${prepared},split=${outputs.length}${outputs.map((o) => `[in${i}${o}]`).join('')}`);
    const to = tail ? scene.duration - X : scene.duration;
    parts.push(`[in${i}b]trim=start=${seconds(scene.overlap)}:end=${seconds(to)},setpts=PTS-STARTPTS[body${i}]`);
    if (tail) parts.push(`[in${i}t]trim=start=${seconds(scene.duration - X)}:end=${seconds(scene.duration)},setpts=PTS-STARTPTS[tail${i}]`);
    if (head) parts.push(`[in${i}h]trim=start=0:end=${seconds(X)},setpts=PTS-STARTPTS[head${i}]`);
  });
  scenes.forEach((_, i) => {
    pieces.push(`[body${i}]`);
    const next = scenes[i + 1];
    if (!next || next.overlap === 0) return;
    if (next.transition === 'fade-black') {
      // First half: this picture to black; second half: the next one up from black.
      parts.push(`[tail${i}]trim=end=${seconds(X / 2)},fade=t=out:st=0:d=${seconds(X / 2)}[out${i}]`);
      parts.push(`[head${i + 1}]trim=start=${seconds(X / 2)},setpts=PTS-STARTPTS,fade=t=in:st=0:d=${seconds(X / 2)}[into${i + 1}]`);
      pieces.push(`[out${i}]`, `[into${i + 1}]`);
    } else {
      parts.push(`[head${i + 1}]format=yuva420p,fade=t=in:st=0:d=${X}:alpha=1[alpha${i + 1}]`);
      parts.push(`[tail${i}][alpha${i + 1}]overlay=eof_action=pass,format=yuv420p[fade${i}]`);
      pieces.push(`[fade${i}]`);
    }
  });
  parts.push(`${pieces.join('')}concat=n=${pieces.length}:v=1:a=0,format=yuv420p[video]`);
  return parts.join(';');
}

/** Burned captions: the caption track (input `input`, one band of `top` pixels down) drawn over `[video]` → `[captioned]`. */
export function captionOverlay(input: number, top: number): string {
  return `[${input}:v]format=rgba[captions];[video][captions]overlay=x=0:y=${top}:eof_action=repeat,format=yuv420p[captioned]`;
}
