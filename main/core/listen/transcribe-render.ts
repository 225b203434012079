import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { Transcript } from '../../../preload/schemas/transcribe.js';
import { WHISPER_SAMPLE_RATE } from '../../engines/listen/whisper-host-api.js';
import type { WhisperClient } from '../../engines/listen/whisper-client.js';
import { checkWhisperFolder, type WhisperFolderInfo } from '../../platform/formats/whisper-folder.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { runFfmpeg } from '../export/ffmpeg-progress.js';
import { makeWorkFolder } from '../files/work-folder.js';

// What needs no project: the CLI and /v1 transcribe a file with these, and TranscribeService
// builds its job on them. Hosts take them from the service, never from the engines.

/** A Whisper folder to transcribe with, and what messages call it (an installed id or the folder's name). */
export interface WhisperModelRef {
  label: string;
  dir: string;
}

export interface TranscribeOptions {
  model: WhisperModelRef;
  /** 'auto' (or absent) lets the model detect it; otherwise a code the model knows. */
  language?: string;
  /** Translate into English instead of transcribing (multilingual models only). */
  task?: 'transcribe' | 'translate';
}

/** Whisper's threads: a couple of cores is where sherpa-onnx's CPU speed levels off for tiny to small. */
const THREADS = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * The language sherpa-onnx is told. It ends its process on a code the model does not
 * know, so the code is checked here against the model's own list first; an English-only
 * model is given none (it has no language token).
 */
function languageFor(info: WhisperFolderInfo, model: WhisperModelRef, language: string | undefined): string {
  if (language === undefined || language === 'auto') return '';
  if (!info.multilingual) {
    if (language === 'en') return '';
    throw new AtelierError(
      'INVALID_INPUT',
      `${model.label} is an English-only model; it cannot transcribe "${language}". Use a multilingual model or --language en.`,
    );
  }
  if (!info.languages.includes(language)) {
    throw new AtelierError('INVALID_INPUT', `${model.label} does not know the language "${language}". It knows: ${info.languages.join(', ')} (or auto).`);
  }
  return language;
}

function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor(whole / 60) % 60;
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Decodes any audio or video ffmpeg reads to raw float32 16 kHz mono in `dir`, streamed by
 * ffmpeg to the file (never held in memory), and answers its length in seconds. A file
 * ffmpeg cannot read, or one without sound, is INVALID_INPUT naming it.
 */
async function decodeForWhisper(input: string, name: string, dir: string, signal: AbortSignal): Promise<{ pcm: string; seconds: number }> {
  const pcm = path.join(dir, 'audio.f32');
  await runFfmpeg(
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input, '-vn', '-ac', '1', '-ar', String(WHISPER_SAMPLE_RATE), '-f', 'f32le', pcm],
    signal,
    {
      what: 'the decoded audio',
      failed: (_code, stderr) =>
        new AtelierError('INVALID_INPUT', `${name} is not audio or video that can be read: ${stderr.trim().split('\n').slice(-1)[0] ?? 'ffmpeg refused it'}.`),
    },
  );
  const bytes = (await fs.stat(pcm)).size;
  if (bytes < 4) throw new AtelierError('INVALID_INPUT', `${name} has no sound to transcribe.`);
  return { pcm, seconds: bytes / 4 / WHISPER_SAMPLE_RATE };
}

/**
 * Transcribes one file: checks the model folder (sherpa-onnx would end its host on a bad
 * one), decodes the input into a private work folder, and streams it through the Whisper
 * host, reporting the fraction of audio heard and the words so far. Cancel stops ffmpeg or
 * the host between segments; the work folder goes either way.
 */
export async function transcribeFile(
  client: WhisperClient,
  input: string,
  options: TranscribeOptions,
  signal: AbortSignal,
  onProgress: (update: ProgressUpdate) => void,
  inputName = path.basename(input),
): Promise<Transcript> {
  const stat = await fs.stat(input).catch(() => null);
  if (!stat?.isFile()) throw new AtelierError('NOT_FOUND', `${inputName} does not exist or is not a file.`);
  const info = await checkWhisperFolder(options.model.dir, options.model.label);
  const language = languageFor(info, options.model, options.language);
  const task = options.task ?? 'transcribe';
  if (task === 'translate' && !info.multilingual) throw new AtelierError('INVALID_INPUT', `${options.model.label} is English-only; it cannot translate.`);
  const dir = await makeWorkFolder('listen');
  try {
    onProgress({ fraction: null, detail: 'Reading the audio' });
    const { pcm, seconds } = await decodeForWhisper(input, inputName, dir, signal);
    let heard = '';
    const result = await client.transcribe(
      {
        model: { encoder: info.encoder, decoder: info.decoder, tokens: info.tokens, label: options.model.label },
        vad: info.vad,
        pcm,
        language,
        task,
        threads: THREADS,
      },
      signal,
      (event) => {
        if (event.type === 'segment') {
          heard = `${heard}${heard ? ' ' : ''}${event.segment.text}`;
          // The tray shows the last words heard; the whole text is the result.
          onProgress({ partial: { text: heard.slice(-2000) } });
        } else {
          onProgress({ fraction: Math.min(1, event.seconds / seconds), detail: `${clock(event.seconds)} of ${clock(seconds)} heard` });
        }
      },
    );
    return { language: result.language, duration: result.duration, model: options.model.label, segments: result.segments };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Transcribes bytes a client uploaded (/v1/audio/transcriptions): written to a private work
 * folder under a plain name (the client's file name is only for messages), then as a file.
 */
export async function transcribeBytes(
  client: WhisperClient,
  bytes: Uint8Array,
  name: string,
  options: TranscribeOptions,
  signal: AbortSignal,
  onProgress: (update: ProgressUpdate) => void,
): Promise<Transcript> {
  const dir = await makeWorkFolder('listen');
  try {
    const upload = path.join(dir, 'upload');
    await fs.writeFile(upload, bytes);
    // Messages name what the client sent, not the work folder's file.
    return await transcribeFile(client, upload, options, signal, onProgress, name || 'the upload');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
