import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { diskFullFromStderr } from '../files/disk-full.js';
import { unpackedPath } from '../../platform/worker-entry.js';
import { makeWorkFolder } from '../files/work-folder.js';

type ExportFormat = 'mp3' | 'ogg' | 'opus' | 'flac' | 'aac' | 'pcm';

/** The rate of `pcm`: OpenAI's raw speech is 24 kHz 16-bit little-endian mono, so clients that play it assume that. */
export const PCM_SAMPLE_RATE = 24_000;

/**
 * Encoder settings per format: MP3 through LAME VBR, OGG through Vorbis, and the speech API's
 * others as OpenAI sends them (Opus in an Ogg file, FLAC, AAC in ADTS, headerless PCM).
 */
const CODEC: Record<ExportFormat, string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-q:a', '4', '-f', 'mp3'],
  ogg: ['-c:a', 'libvorbis', '-q:a', '5', '-f', 'ogg'],
  opus: ['-c:a', 'libopus', '-b:a', '48k', '-f', 'ogg'],
  flac: ['-c:a', 'flac', '-f', 'flac'],
  aac: ['-c:a', 'aac', '-b:a', '96k', '-f', 'adts'],
  pcm: ['-c:a', 'pcm_s16le', '-ar', String(PCM_SAMPLE_RATE), '-ac', '1', '-f', 's16le'],
};

/** The static ffmpeg binary shipped by @ffmpeg-installer/ffmpeg (ENGINE_UNAVAILABLE on a platform it lacks). */
export async function ffmpegPath(): Promise<string> {
  try {
    const module = (await import('@ffmpeg-installer/ffmpeg')) as { default?: { path: string }; path?: string };
    const found = module.default?.path ?? module.path;
    if (!found) throw new Error('no path');
    return unpackedPath(found);
  } catch (error) {
    throw new AtelierError('ENGINE_UNAVAILABLE', `ffmpeg is not available on this platform: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs ffmpeg with `args`; an abort kills it (CANCELLED). Rejects with its last stderr lines on failure. */
async function runFfmpeg(args: string[], signal?: AbortSignal): Promise<void> {
  const binary = await ffmpegPath();
  if (signal?.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => reject(new AtelierError('ENGINE_CRASHED', `cannot run ffmpeg: ${error.message}`)));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(new AtelierError('CANCELLED', 'Cancelled.'));
      else if (code === 0) resolve();
      else
        reject(
          diskFullFromStderr(stderr, 'the audio file') ??
            new AtelierError('ENGINE_CRASHED', `ffmpeg failed (exit ${code}): ${stderr.trim().split('\n').slice(-2).join(' ')}`),
        );
    });
  });
}

/**
 * Encodes WAV bytes to MP3 or OGG at `outFile`. Works through a private temp folder and
 * renames the result into place, so a failed or cancelled export leaves no partial file.
 */
export async function exportAudio(wav: Uint8Array, format: ExportFormat, outFile: string, signal?: AbortSignal): Promise<void> {
  const dir = await makeWorkFolder('export');
  try {
    const input = path.join(dir, 'in.wav');
    const output = path.join(dir, `out.${format}`);
    await fs.writeFile(input, wav);
    await runFfmpeg(['-y', '-i', input, ...CODEC[format], output], signal);
    await fs.copyFile(output, `${outFile}.tmp`);
    await fs.rename(`${outFile}.tmp`, outFile);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(`${outFile}.tmp`, { force: true });
  }
}

/** The same encoding, returned as bytes (the speech API answers with them; nothing is kept). */
export async function encodeAudio(wav: Uint8Array, format: ExportFormat, signal?: AbortSignal): Promise<Uint8Array> {
  const dir = await makeWorkFolder('speech');
  try {
    const out = path.join(dir, `speech.${format}`);
    await exportAudio(wav, format, out, signal);
    return new Uint8Array(await fs.readFile(out));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
