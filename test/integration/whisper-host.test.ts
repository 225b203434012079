import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import type { Logger } from '../../main/platform/log.js';
import { checkWhisperFolder } from '../../main/platform/formats/whisper-folder.js';
import { WhisperClient } from '../../main/engines/listen/whisper-client.js';
import type { WhisperHostTranscribeParams } from '../../main/engines/listen/whisper-host-api.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_WHISPER_TEXT } from '../../models/fixtures/tiny-whisper.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => undefined };
const RATE = 16_000;

let dir: string;
let whisperDir: string;
let vadModel: string;
let client: WhisperClient;

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-whisper', 'tiny-silero-vad'] });
  whisperDir = fixtures['tiny-whisper'] as string;
  vadModel = fixtures['tiny-silero-vad'] as string;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-whisper-host-'));
  client = new WhisperClient(quiet);
});

after(async () => {
  await client.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Speech-like sound (a wobbling vowel at 0.3) where `spans` say, digital silence elsewhere. */
async function pcmFile(name: string, seconds: number, spans: [number, number][]): Promise<string> {
  const samples = new Float32Array(Math.round(seconds * RATE));
  for (const [from, to] of spans) {
    for (let i = Math.round(from * RATE); i < Math.round(to * RATE); i += 1) {
      samples[i] = 0.3 * Math.sin(i * 0.05) * (0.6 + 0.4 * Math.sin(i * 0.0007));
    }
  }
  const file = path.join(dir, name);
  await fs.writeFile(file, new Uint8Array(samples.buffer));
  return file;
}

async function params(pcm: string, over: Partial<WhisperHostTranscribeParams> = {}): Promise<WhisperHostTranscribeParams> {
  const info = await checkWhisperFolder(whisperDir);
  return {
    model: { encoder: info.encoder, decoder: info.decoder, tokens: info.tokens, label: 'tiny-whisper' },
    vad: vadModel,
    pcm,
    language: '',
    task: 'transcribe',
    threads: 1,
    ...over,
  };
}

describe('the Whisper host on the fixture (sherpa-onnx)', () => {
  test('the folder check reads the export: files, multilingual, languages', async () => {
    const info = await checkWhisperFolder(whisperDir);
    assert.equal(path.basename(info.encoder), 'tiny-encoder.onnx');
    assert.equal(path.basename(info.decoder), 'tiny-decoder.onnx');
    assert.equal(info.multilingual, true);
    assert.deepEqual(info.languages, ['en', 'de', 'fr']);
  });

  test('voice activity: one segment per stretch of speech, at its times, with the detected language', async () => {
    const pcm = await pcmFile('two-stretches.f32', 9, [
      [1, 3],
      [5.5, 7.5],
    ]);
    const progress: number[] = [];
    const seen: string[] = [];
    const result = await client.transcribe(await params(pcm), new AbortController().signal, (event) => {
      if (event.type === 'progress') progress.push(event.seconds);
      else seen.push(event.segment.text);
    });
    assert.equal(result.segments.length, 2, JSON.stringify(result.segments));
    assert.deepEqual(seen, [TINY_WHISPER_TEXT, TINY_WHISPER_TEXT]);
    assert.equal(result.language, 'en');
    const [first, second] = result.segments as [(typeof result.segments)[0], (typeof result.segments)[0]];
    // The detector pads each stretch a little on both sides.
    assert.ok(Math.abs(first.start - 1) < 0.3 && Math.abs(first.end - 3) < 0.4, JSON.stringify(first));
    assert.ok(Math.abs(second.start - 5.5) < 0.3 && Math.abs(second.end - 7.5) < 0.4, JSON.stringify(second));
    assert.ok(Math.abs(result.duration - 9) < 0.01);
    assert.ok(progress.length >= 4 && progress.every((s, i) => i === 0 || s >= (progress[i - 1] as number)));
  });

  test('a chosen language is used; without a detector, silence is skipped and speech is heard in windows', async () => {
    const pcm = await pcmFile('long.f32', 40, [[2, 38]]);
    const result = await client.transcribe(await params(pcm, { vad: null, language: 'de' }), new AbortController().signal, () => undefined);
    // 36 s of sound is more than one 28 s window: two segments, cut at a moment inside it.
    assert.equal(result.segments.length, 2, JSON.stringify(result.segments));
    assert.ok(result.segments.every((s) => s.language === 'de' && s.text === TINY_WHISPER_TEXT));
    assert.equal(result.segments[0]?.start, 0);
    assert.equal(result.segments[1]?.start, result.segments[0]?.end);
    const silent = await pcmFile('silent.f32', 5, []);
    const none = await client.transcribe(await params(silent, { vad: null }), new AbortController().signal, () => undefined);
    assert.deepEqual(none.segments, []);
  });

  test('cancel stops between segments with CANCELLED, and the host answers the next request', async () => {
    const spans: [number, number][] = Array.from({ length: 12 }, (_, i) => [i * 3 + 0.5, i * 3 + 2]);
    const pcm = await pcmFile('many.f32', 37, spans);
    const controller = new AbortController();
    let segments = 0;
    const run = client.transcribe(await params(pcm), controller.signal, (event) => {
      if (event.type === 'segment' && ++segments === 2) controller.abort();
    });
    await assert.rejects(run, (error: unknown) => error instanceof AtelierError && error.code === 'CANCELLED');
    assert.ok(segments < 12);
    const again = await client.transcribe(await params(await pcmFile('one.f32', 3, [[0.5, 2]])), new AbortController().signal, () => undefined);
    assert.equal(again.segments.length, 1);
  });
});
