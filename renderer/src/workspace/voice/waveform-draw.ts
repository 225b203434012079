import { peaksForWidth, type ClipPeaks } from './clip-peaks.js';

interface WaveColors {
  played: string;
  rest: string;
  playhead: string;
}

/**
 * The theme's colours as the canvas can use them. Custom properties come back as
 * written (`light-dark(…)`), which a canvas cannot parse, so the stylesheet puts
 * them on real colour properties of the canvas and they are read back resolved.
 */
export function waveColors(canvas: HTMLCanvasElement): WaveColors {
  const style = getComputedStyle(canvas);
  return { played: style.color, rest: style.borderTopColor, playhead: style.outlineColor };
}

/**
 * Mirrored bars, one per 3 CSS pixels, the played part in the accent. `fraction`
 * is where the playhead is (0..1), or null for a clip that is not in the player.
 */
export function drawWaveform(canvas: HTMLCanvasElement, peaks: ClipPeaks, fraction: number | null, colors: WaveColors): void {
  const ratio = window.devicePixelRatio || 1;
  const cssWidth = canvas.clientWidth;
  const cssHeight = canvas.clientHeight;
  if (cssWidth === 0 || cssHeight === 0) return;
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, cssWidth, cssHeight);

  const pitch = 3;
  const bar = 2;
  const columns = Math.max(1, Math.floor(cssWidth / pitch));
  const outline = peaksForWidth(peaks, columns);
  // Quiet clips are scaled up to the box, so a whisper still shows its shape.
  let loudest = 0;
  for (let x = 0; x < columns; x += 1) loudest = Math.max(loudest, Math.abs(outline.min[x] as number), Math.abs(outline.max[x] as number));
  const scale = loudest > 0 ? (cssHeight / 2 - 2) / loudest : 0;
  const middle = cssHeight / 2;
  const playedX = fraction === null ? -1 : fraction * cssWidth;

  for (let x = 0; x < columns; x += 1) {
    const left = x * pitch;
    const top = middle - Math.max(0.75, (outline.max[x] as number) * scale);
    const bottom = middle - Math.min(-0.75, (outline.min[x] as number) * scale);
    context.fillStyle = left + bar / 2 <= playedX ? colors.played : colors.rest;
    context.fillRect(left, top, bar, bottom - top);
  }
  if (fraction !== null) {
    context.fillStyle = colors.playhead;
    context.fillRect(Math.min(cssWidth - 2, Math.max(0, playedX - 1)), 0, 2, cssHeight);
  }
}
