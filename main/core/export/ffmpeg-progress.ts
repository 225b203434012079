import { spawn } from 'node:child_process';
import { AtelierError } from '../../../preload/errors.js';
import { diskFullFromStderr } from '../files/disk-full.js';
import { ffmpegPath } from '../audio/ffmpeg-export.js';
import { FFMPEG_AT_ONCE, inPool } from './task-pool.js';

/**
 * Runs ffmpeg to the end and answers the tail of what it wrote to stderr. An abort kills it
 * (CANCELLED); a non-zero exit becomes DISK_FULL when the disk ran out, else `failed`'s error.
 */
export async function runFfmpeg(
  args: string[],
  signal: AbortSignal,
  options: { what: string; failed(code: number | null, stderr: string): AtelierError; onStdout?(chunk: string): void; keepStderr?: number },
): Promise<string> {
  const binary = await ffmpegPath();
  if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  return new Promise<string>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', options.onStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => options.onStdout?.(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-(options.keepStderr ?? 4000));
    });
    const onAbort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => reject(new AtelierError('ENGINE_CRASHED', `cannot run ffmpeg: ${error.message}`)));
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) reject(new AtelierError('CANCELLED', 'Cancelled.'));
      else if (code === 0) resolve(stderr);
      else reject(diskFullFromStderr(stderr, options.what) ?? options.failed(code, stderr));
    });
  });
}

/**
 * Runs ffmpeg with `-progress pipe:1` and reports the fraction of `totalSeconds` written
 * so far. An abort kills ffmpeg (CANCELLED); a failure carries ffmpeg's last error lines.
 */
export async function runFfmpegWithProgress(args: string[], totalSeconds: number, onFraction: (fraction: number) => void, signal: AbortSignal): Promise<void> {
  let pending = '';
  await runFfmpeg(['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-progress', 'pipe:1', ...args], signal, {
    what: 'the video',
    failed: (code, stderr) => new AtelierError('ENGINE_CRASHED', `ffmpeg failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`),
    onStdout: (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const time = /^out_time=(\d+):(\d+):([\d.]+)/.exec(line);
        if (time) onFraction(Math.min(1, (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3])) / Math.max(0.001, totalSeconds)));
      }
    },
  });
}

/**
 * ffmpeg's little-endian 32-bit floats, copied straight into a Float32Array (one copy, no
 * per-sample read: this runs on the main thread for every narration of an export). Typed
 * arrays use the machine's byte order, little-endian on every platform Atelier ships for.
 */
function floatsOf(chunks: readonly Buffer[]): Float32Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const samples = new Float32Array(Math.floor(total / 4));
  const bytes = new Uint8Array(samples.buffer);
  let at = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.length, bytes.length - at);
    bytes.set(chunk.subarray(0, take), at);
    at += take;
  }
  return samples;
}

/** Decodes any audio file ffmpeg reads to mono float samples at `sampleRate`. */
async function decodeToMono(file: string, sampleRate: number, signal: AbortSignal): Promise<Float32Array> {
  const binary = await ffmpegPath();
  return new Promise<Float32Array>((resolve, reject) => {
    const child = spawn(
      binary,
      ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-f', 'f32le', '-ac', '1', '-ar', String(sampleRate), 'pipe:1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const onAbort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => reject(new AtelierError('ENGINE_CRASHED', `cannot run ffmpeg: ${error.message}`)));
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(new AtelierError('CANCELLED', 'Cancelled.'));
      if (code !== 0) return reject(new AtelierError('INVALID_INPUT', `cannot read the audio file ${file}: ${stderr.trim().split('\n').pop() ?? ''}`));
      resolve(floatsOf(chunks));
    });
  });
}

/**
 * Decodes each of `files` (absent entries stay absent) as `decodeToMono` does, a file named
 * twice only once, a few at a time: each is a short ffmpeg run, mostly its start, so one
 * after another they left the cores idle. Scenes that share a file share its samples, which
 * are only read. `onDecoded` hears how many of the distinct files are done.
 */
export async function decodeEach(
  files: readonly (string | undefined)[],
  sampleRate: number,
  signal: AbortSignal,
  onDecoded?: (done: number, of: number) => void,
): Promise<(Float32Array | undefined)[]> {
  const distinct = [...new Set(files.filter((file): file is string => file !== undefined))];
  const decoded = new Map<string, Float32Array>();
  const tasks = distinct.map((file) => async () => {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    decoded.set(file, await decodeToMono(file, sampleRate, signal));
    onDecoded?.(decoded.size, distinct.length);
  });
  await inPool(tasks, FFMPEG_AT_ONCE);
  return files.map((file) => (file === undefined ? undefined : decoded.get(file)));
}
