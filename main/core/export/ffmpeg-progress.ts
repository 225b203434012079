import { spawn } from 'node:child_process';
import { AtelierError } from '../../../preload/errors.js';
import { diskFullFromStderr } from '../files/disk-full.js';
import { ffmpegPath } from '../audio/ffmpeg-export.js';

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
