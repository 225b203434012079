import { spawnSync } from 'node:child_process';
import ffmpeg from '@ffmpeg-installer/ffmpeg';

/** Any audio file (WAV, MP4's AAC track) as mono 32-bit floats at `rate`, decoded and resampled by ffmpeg itself. */
export function decodeMono(file: string, rate: number): Float32Array {
  const run = spawnSync(
    ffmpeg.path,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-f', 'f32le', '-ac', '1', '-ar', String(rate), 'pipe:1'],
    {
      maxBuffer: 1 << 30,
    },
  );
  if (run.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${run.stderr.toString()}`);
  const bytes = run.stdout;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Normalised correlation of `a` with `b` starting at `at` (1: the same shape at any level; near 0: unrelated). */
export function correlationAt(a: Float32Array, b: Float32Array, at: number): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[at + i] ?? 0;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** The best correlation of `a` in `b` near `at` (within `reach` samples either side), and where. */
export function bestCorrelation(a: Float32Array, b: Float32Array, at: number, reach: number): { value: number; at: number } {
  let best = { value: -Infinity, at };
  for (let lag = -reach; lag <= reach; lag++) {
    if (at + lag < 0) continue;
    const value = correlationAt(a, b, at + lag);
    if (value > best.value) best = { value, at: at + lag };
  }
  return best;
}
