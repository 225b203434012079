import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AtelierError } from '../../../../preload/errors.js';
import { VOICE_LIMITS } from '../../../../preload/schemas/voice.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import { SHARED_FILE_MODE } from '../../../platform/private-files.js';
import { createStudio } from '../../../app/studio.js';
import { piperVoiceAtPath, speakEspeak, type PiperResult } from '../../../core/voice/voice-render.js';
import { finishSpeech } from '../../../platform/audio/speech-finish.js';
import { kokoroVoiceLines, speakWithKokoro } from './voice-kokoro.js';
import { atMost, parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { VOICE_HELP, VOICES_HELP } from '../help/voice-help.js';

function number(raw: string | undefined, flag: string, min: number, max: number, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

async function readText(file: string): Promise<string> {
  try {
    return file === '-' ? await new Response(Readable.toWeb(process.stdin) as ReadableStream).text() : await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AtelierError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR',
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
    );
  }
}

export async function voiceCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'voice',
      usage: VOICE_HELP,
      options: {
        engine: { type: 'string' },
        voice: { type: 'string' },
        rate: { type: 'string' },
        pitch: { type: 'string' },
        volume: { type: 'string' },
        speaker: { type: 'string' },
        model: { type: 'string' },
        file: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
      },
    },
    args,
  );
  const engine = values.engine ?? 'espeak';
  if (engine !== 'espeak' && engine !== 'piper' && engine !== 'kokoro') {
    throw new UsageError(`unknown engine '${engine}'. Engines: espeak, piper, kokoro.`, { helpHint: false });
  }
  if (engine !== 'kokoro' && values.model !== undefined) throw new UsageError('--model is for Kokoro voices (--engine kokoro).');
  if (engine === 'piper' && values.voice === undefined) throw new UsageError("say which Piper voice: --voice ID_OR_PATH (see 'atelier voices').");
  if (engine !== 'piper' && values.speaker !== undefined) throw new UsageError('--speaker is for Piper voices (--engine piper).');
  if (positionals.length > 1) throw new UsageError('give the text as one argument (quote it).');
  if (values.file !== undefined && positionals.length > 0) throw new UsageError('give the text or --file, not both.');
  if (!values.output) throw new UsageError('say where to write the speech: -o OUT.wav.');
  const text = values.file !== undefined ? await readText(values.file) : (positionals[0] ?? '');
  const request = {
    text,
    voice: values.voice ?? 'en',
    rate: number(values.rate, '--rate', VOICE_LIMITS.rate.min, VOICE_LIMITS.rate.max) ?? VOICE_LIMITS.rate.default,
    pitch: number(values.pitch, '--pitch', VOICE_LIMITS.pitch.min, VOICE_LIMITS.pitch.max, true) ?? VOICE_LIMITS.pitch.default,
    volume: number(values.volume, '--volume', VOICE_LIMITS.volume.min, VOICE_LIMITS.volume.max),
  };
  const out = path.resolve(values.output);
  const write = (wav: Uint8Array) =>
    writeFileAtomic(out, wav, { mode: SHARED_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
      throw new AtelierError('IO_ERROR', `cannot write ${values.output}: ${reason}.`);
    });
  if (engine === 'kokoro') {
    const made = await speakWithKokoro(values.model, values.voice, text, request.rate);
    const finished = finishSpeech(made.samples, made.sampleRate);
    await write(finished.wav);
    process.stdout.write(
      `Wrote ${values.output}: kokoro voice ${made.voice.id} (${made.voice.name}${made.voice.language ? `, ${made.voice.language.name}` : ''}, ${made.voice.gender}) ` +
        `of ${made.label}, speed ${made.parameters.speed}, ${made.chunks} part${made.chunks === 1 ? '' : 's'}, ` +
        `${(finished.durationMs / 1000).toFixed(2)} s, ${(finished.sampleRate / 1000).toFixed(2)} kHz mono 16-bit WAV\n`,
    );
    return;
  }
  if (engine === 'piper') {
    const made = await speakWithPiper(values.voice as string, text, request.rate, values.speaker);
    const finished = finishSpeech(made.samples, made.sampleRate);
    await write(finished.wav);
    const speaker = made.voice.numSpeakers > 1 ? `, speaker ${made.speaker}${made.speakerName ? ` (${made.speakerName})` : ''}` : '';
    process.stdout.write(
      `Wrote ${values.output}: piper voice ${made.label}${speaker}, rate ${made.parameters.rate}, ${made.sentences} sentence${made.sentences === 1 ? '' : 's'}, ` +
        `${(finished.durationMs / 1000).toFixed(2)} s, ${(made.sampleRate / 1000).toFixed(2)} kHz mono 16-bit WAV\n`,
    );
    return;
  }
  const made = await speakEspeak(request, new AbortController().signal, () => undefined);
  const finished = finishSpeech(made.samples, made.sampleRate);
  await write(finished.wav);
  process.stdout.write(
    `Wrote ${values.output}: voice ${made.parameters.voice} (${made.voice.name}), ${made.parameters.wordsPerMinute} words/min, ` +
      `${(finished.durationMs / 1000).toFixed(2)} s, ${(made.sampleRate / 1000).toFixed(2)} kHz mono 16-bit WAV\n`,
  );
}

export async function voicesCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand({ name: 'voices', usage: VOICES_HELP, options: { json: { type: 'boolean' } } }, args);
  atMost(positionals, 0);
  const studio = await createStudio({ host: 'cli' });
  let list;
  try {
    list = await studio.voice.voices();
  } finally {
    await studio.dispose();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  const width = Math.max(...list.voices.map((v) => v.id.length));
  const lines = list.voices.map(
    (v) => `${v.id.padEnd(width)}  ${v.gender.padEnd(7)}  ${v.name}${v.languages.length > 1 ? ` (also ${v.languages.slice(1).join(', ')})` : ''}`,
  );
  process.stdout.write(
    `espeak-ng: ${list.voices.length} voices (built in)\n${lines.join('\n')}\n\nVariants (add as voice+variant, e.g. en+f3): ${list.variants.map((v) => v.id).join(', ')}\n`,
  );
  const neuralWidth = Math.max(0, ...list.neural.map((v) => v.id.length));
  const neuralLines = list.neural.map(
    (v) =>
      `${v.id.padEnd(neuralWidth)}  ${v.name} · ${v.languages.join(', ')}${v.quality ? ` · ${v.quality}` : ''} · ${(v.sampleRate / 1000).toFixed(2)} kHz` +
      `${v.speakers.length > 0 ? ` · ${v.speakers.length} speakers: ${v.speakers.map((s) => `${s.id} ${s.name}`).join(', ')}` : ''}`,
  );
  process.stdout.write(
    list.neural.length > 0
      ? `\nPiper: ${list.neural.length} installed voice${list.neural.length === 1 ? '' : 's'} (--engine piper --voice ID)\n${neuralLines.join('\n')}\n`
      : "\nPiper: no voices installed (download one with 'atelier models', or pass --voice PATH/TO/voice.onnx).\n",
  );
  process.stdout.write(kokoroVoiceLines(list.kokoro));
}

/**
 * One Piper run from the command line: `voice` is a path (an .onnx, its .onnx.json, or a
 * folder holding one) or an installed voice's id. The engine host stops before returning.
 */
async function speakWithPiper(voice: string, text: string, rate: number, speaker: string | undefined): Promise<PiperResult & { label: string }> {
  const studio = await createStudio({ host: 'cli' });
  try {
    const atPath = await piperVoiceAtPath(path.resolve(voice));
    const model = atPath ? undefined : studio.voice.requireVoice(voice);
    const voicePath = atPath ?? (model as { path: string }).path;
    const label = model?.id ?? path.basename(voicePath, '.onnx');
    const made = await studio.voice.speakPiper({ text, voicePath, label, speaker, rate }, new AbortController().signal, () => undefined);
    return { ...made, label };
  } finally {
    await studio.dispose();
  }
}
