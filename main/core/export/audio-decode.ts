import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AtelierError } from '../../../preload/errors.js';
import { ffmpegPath } from '../audio/ffmpeg-export.js';
import { FFMPEG_AT_ONCE, inPool } from './task-pool.js';

/**
 * Files decoded by one ffmpeg run, each to a pipe of its own. Starting a process costs the
 * studio's main thread 10–15 ms for every few hundred MB it holds (the fork copies its page
 * tables), and a narration's decode is mostly that start: six of them, one run each, held
 * back the first pictures of an export by half a second.
 */
const FILES_PER_RUN = 16;

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

/**
 * Decodes `files` (any audio ffmpeg reads) to mono float samples at `sampleRate`, in one
 * run: file i is written to the run's file descriptor 3 + i. A file that cannot be read
 * fails the whole run (`decodeEach` then decodes its files one by one, to name it).
 */
async function decodeRun(files: readonly string[], sampleRate: number, signal: AbortSignal): Promise<Float32Array[]> {
  const binary = await ffmpegPath();
  const inputs = files.flatMap((file) => ['-i', file]);
  // Alone, a file needs no map (and ffmpeg's error then says what is wrong with it, not with the map).
  const map = (i: number) => (files.length === 1 ? [] : ['-map', `${i}:a:0`]);
  const outputs = files.flatMap((_, i) => [...map(i), '-f', 'f32le', '-ac', '1', '-ar', String(sampleRate), `pipe:${3 + i}`]);
  return new Promise<Float32Array[]>((resolve, reject) => {
    const child = spawn(binary, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...inputs, ...outputs], {
      stdio: ['ignore', 'ignore', 'pipe', ...files.map(() => 'pipe' as const)],
    });
    const chunks = files.map((): Buffer[] => []);
    files.forEach((_, i) => (child.stdio[3 + i] as Readable).on('data', (chunk: Buffer) => chunks[i]?.push(chunk)));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const onAbort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => reject(new AtelierError('ENGINE_CRASHED', `cannot run ffmpeg: ${error.message}`)));
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(new AtelierError('CANCELLED', 'Cancelled.'));
      const last = stderr.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new AtelierError('INVALID_INPUT', `cannot read the audio file ${files.join(', ')}: ${last}`));
      resolve(chunks.map(floatsOf));
    });
  });
}

/**
 * Decodes each of `files` (absent entries stay absent) to mono float samples at
 * `sampleRate`, a file named twice only once. Up to `FILES_PER_RUN` files share one ffmpeg
 * run, and a few runs go side by side; when a shared run fails, its files are decoded one by
 * one, so the error names the file at fault. Scenes that share a file share its samples,
 * which are only read. `onDecoded` hears how many of the distinct files are done.
 */
export async function decodeEach(
  files: readonly (string | undefined)[],
  sampleRate: number,
  signal: AbortSignal,
  onDecoded?: (done: number, of: number) => void,
): Promise<(Float32Array | undefined)[]> {
  const distinct = [...new Set(files.filter((file): file is string => file !== undefined))];
  const decoded = new Map<string, Float32Array>();
  const runs: string[][] = [];
  for (let at = 0; at < distinct.length; at += FILES_PER_RUN) runs.push(distinct.slice(at, at + FILES_PER_RUN));
  const tasks = runs.map((run) => async () => {
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    let samples: Float32Array[];
    try {
      samples = await decodeRun(run, sampleRate, signal);
    } catch (error) {
      if (run.length === 1 || (error instanceof AtelierError && error.code === 'CANCELLED')) throw error;
      samples = [];
      for (const file of run) samples.push(...(await decodeRun([file], sampleRate, signal)));
    }
    run.forEach((file, i) => decoded.set(file, samples[i] as Float32Array));
    onDecoded?.(decoded.size, distinct.length);
  });
  await inPool(tasks, FFMPEG_AT_ONCE);
  return files.map((file) => (file === undefined ? undefined : decoded.get(file)));
}
