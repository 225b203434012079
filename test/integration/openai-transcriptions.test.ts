import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { InstalledModel } from '../../preload/schemas/model.js';
import { TINY_WHISPER_TEXT } from '../../models/fixtures/tiny-whisper.js';
import { runCli, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';
import { whisperModelFolder } from '../support/whisper-model.js';

// /v1/audio/transcriptions (and translations) with the official client, on speech the studio's own espeak engine made.
let root: string;
let home: string;
let host: RunningWebHost;
let client: OpenAI;
let modelId: string;
let wav: Buffer;

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-openai-stt-'));
  home = path.join(root, 'home');
  const folder = await whisperModelFolder(root);
  const run = runCli(['models', 'import', folder, '--reference'], { ATELIER_HOME: home });
  assert.equal(run.status, 0, run.stderr);
  const models = JSON.parse(runCli(['models', 'list', '--json'], { ATELIER_HOME: home }).stdout) as InstalledModel[];
  modelId = (models.find((m) => m.modality === 'speech-to-text') as InstalledModel).id;
  host = await startWebHostProcess({ home });
  client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 120_000 });
  const speech = await client.audio.speech.create({ model: 'espeak', voice: 'alloy', input: 'The harbour is quiet tonight.', response_format: 'wav' });
  wav = Buffer.from(await speech.arrayBuffer());
});

after(async () => {
  await host?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

const upload = () => toFile(wav, 'harbour.wav', { type: 'audio/wav' });

describe('POST /v1/audio/transcriptions through the openai client', () => {
  test('json (the default) and text: the words the model heard', async () => {
    const json = await client.audio.transcriptions.create({ file: await upload(), model: 'whisper-1' });
    assert.equal(json.text, TINY_WHISPER_TEXT);
    const text = await client.audio.transcriptions.create({ file: await upload(), model: modelId, response_format: 'text', prompt: 'Harbour', temperature: 0 });
    assert.equal(String(text).trim(), TINY_WHISPER_TEXT);
  });

  test('verbose_json with segment times and language; srt and vtt subtitles', async () => {
    const verbose = await client.audio.transcriptions.create({
      file: await upload(),
      model: modelId,
      language: 'de',
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    });
    assert.equal(verbose.language, 'de');
    assert.ok(verbose.duration > 0.5 && verbose.duration < 10, String(verbose.duration));
    assert.ok((verbose.segments ?? []).length >= 1);
    const first = verbose.segments?.[0];
    assert.ok(first && first.end > first.start && first.text === TINY_WHISPER_TEXT, JSON.stringify(first));
    const srt = String(await client.audio.transcriptions.create({ file: await upload(), model: modelId, response_format: 'srt' }));
    assert.match(srt, /^1\n00:00:0\d,\d{3} --> 00:00:0\d,\d{3}\n/);
    const vtt = String(await client.audio.transcriptions.create({ file: await upload(), model: modelId, response_format: 'vtt' }));
    assert.match(vtt, /^WEBVTT\n\n00:00:0\d\.\d{3} --> /);
  });

  test('translations answer in English from a multilingual model', async () => {
    const english = await client.audio.translations.create({ file: await upload(), model: modelId, response_format: 'verbose_json' });
    assert.equal(english.text, TINY_WHISPER_TEXT);
  });

  test('an unknown model is 404 model_not_found; a missing file, a file that is not audio, word times, an unknown language are 400', async () => {
    await assert.rejects(client.audio.transcriptions.create({ file: await upload(), model: 'whisper-huge' }), (error: unknown) => {
      return error instanceof OpenAI.NotFoundError && (error.error as { code?: string }).code === 'model_not_found';
    });
    const notAudio = await toFile(Buffer.from('these are words, not sound\n'), 'notes.txt', { type: 'text/plain' });
    await assert.rejects(client.audio.transcriptions.create({ file: notAudio, model: modelId }), (error: unknown) => {
      return error instanceof OpenAI.BadRequestError && /notes\.txt is not audio/.test(error.message);
    });
    await assert.rejects(
      client.audio.transcriptions.create({ file: await upload(), model: modelId, timestamp_granularities: ['word'] }),
      OpenAI.BadRequestError,
    );
    await assert.rejects(client.audio.transcriptions.create({ file: await upload(), model: modelId, language: 'ja' }), (error: unknown) => {
      return error instanceof OpenAI.BadRequestError && (error.error as { param?: string }).param === 'language';
    });
    const form = new FormData();
    form.set('model', modelId);
    const missing = await fetch(`${host.origin}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: form });
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as { error: { param: string } }).error.param, 'file');
  });
});
