import fs from 'node:fs/promises';
import path from 'node:path';
import { encodeWav } from '../../main/platform/audio/wav.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';

/**
 * The fixture Whisper model as the catalog installs one: its sherpa-onnx files with the
 * Silero voice-activity graph beside them as `silero_vad.onnx`, copied into `parent`.
 */
export async function whisperModelFolder(parent: string, name = 'tiny-whisper'): Promise<string> {
  const fixtures = await ensureFixtures({ only: ['tiny-whisper', 'tiny-silero-vad'] });
  const dir = path.join(parent, name);
  await fs.cp(fixtures['tiny-whisper'] as string, dir, { recursive: true });
  await fs.copyFile(fixtures['tiny-silero-vad'] as string, path.join(dir, 'silero_vad.onnx'));
  return dir;
}

/**
 * A 16-bit mono WAV with speech-like sound (a wobbling vowel) where `spans` say (seconds)
 * and digital silence elsewhere, written in pieces so a long one is never whole in memory twice.
 */
export async function speechWav(file: string, seconds: number, spans: readonly [number, number][], rate = 22_050): Promise<string> {
  const samples = new Int16Array(Math.round(seconds * rate));
  for (const [from, to] of spans) {
    for (let i = Math.round(from * rate); i < Math.min(samples.length, Math.round(to * rate)); i += 1) {
      const t = i / rate;
      samples[i] = Math.round(32767 * 0.3 * Math.sin(2 * Math.PI * 127 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 1.7 * t)));
    }
  }
  await fs.writeFile(file, encodeWav(samples, rate));
  return file;
}

/** Speech every `every` seconds for `length` seconds, from 0.5 s on. */
export function regularSpans(seconds: number, every: number, length: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = 0.5; at + length < seconds; at += every) spans.push([at, at + length]);
  return spans;
}
