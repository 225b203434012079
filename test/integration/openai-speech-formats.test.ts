import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { decodeWav } from '../../main/platform/audio/wav.js';
import type { InstalledModel } from '../../preload/schemas/model.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { runCli, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';

// /v1/audio/speech in every format OpenAI sends, unknown voices on every engine, and /v1/models by what each model makes.
let home: string;
let host: RunningWebHost;
let client: OpenAI;
const ids: Record<'piper' | 'multi' | 'kokoro', string> = { piper: '', multi: '', kokoro: '' };
const LINE = 'The harbour is quiet tonight.';

function importModel(target: string): string {
  const run = runCli(['models', 'import', target, '--reference'], { ATELIER_HOME: home });
  assert.equal(run.status, 0, run.stderr);
  const models = JSON.parse(runCli(['models', 'list', '--json'], { ATELIER_HOME: home }).stdout) as InstalledModel[];
  const model = models.find((m) => m.path === target || m.sourceUrl === target);
  assert.ok(model, JSON.stringify(models));
  return model.id;
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-llama', 'tiny-piper', 'tiny-piper-multi', 'tiny-kokoro'] });
  ({ home } = await homeWithTinyLlama('atelier-speech-formats-'));
  ids.piper = importModel(fixtures['tiny-piper'] as string);
  ids.multi = importModel(fixtures['tiny-piper-multi'] as string);
  ids.kokoro = importModel(fixtures['tiny-kokoro'] as string);
  host = await startWebHostProcess({ home });
  client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 120_000 });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

type Format = 'wav' | 'pcm' | 'flac' | 'opus' | 'aac' | 'mp3';
const speak = async (format: Format, model = 'espeak', voice = 'alloy') =>
  Buffer.from(await (await client.audio.speech.create({ model, voice, input: LINE, response_format: format })).arrayBuffer());

describe('speech formats', () => {
  test('pcm is headerless 24 kHz 16-bit mono of the same length as the WAV', async () => {
    const wav = decodeWav(await speak('wav'));
    const seconds = wav.samples.length / wav.sampleRate;
    const raw = await fetch(`${host.origin}/v1/audio/speech`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'espeak', voice: 'alloy', input: LINE, response_format: 'pcm' }),
    });
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('content-type') ?? '', /^audio\/pcm;rate=24000/);
    const pcm = Buffer.from(await raw.arrayBuffer());
    assert.notEqual(pcm.subarray(0, 4).toString('latin1'), 'RIFF', 'no header');
    assert.equal(pcm.length % 2, 0);
    const pcmSeconds = pcm.length / 2 / 24_000;
    assert.ok(Math.abs(pcmSeconds - seconds) < 0.02 * seconds, `${pcmSeconds} s of PCM, ${seconds} s of WAV`);
    let peak = 0;
    for (let i = 0; i < pcm.length; i += 2) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i)));
    assert.ok(peak > 3000, `speech, not silence (peak ${peak})`);
  });

  test('flac, opus (in Ogg) and aac (ADTS) carry their own signatures', async () => {
    const flac = await speak('flac');
    assert.equal(flac.subarray(0, 4).toString('latin1'), 'fLaC');
    const opus = await speak('opus', ids.piper);
    assert.equal(opus.subarray(0, 4).toString('latin1'), 'OggS');
    assert.ok(opus.includes(Buffer.from('OpusHead')), 'an Opus stream');
    const aac = await speak('aac', 'kokoro', 'af_heart');
    assert.ok(aac[0] === 0xff && ((aac[1] ?? 0) & 0xf6) === 0xf0, `ADTS sync, got ${aac.subarray(0, 2).toString('hex')}`);
  });

  test('an unknown voice is a 400 on `voice` for every engine; OpenAI names and the model’s own speakers are taken', async () => {
    for (const [model, voice] of [
      ['espeak', 'xx-nobody'],
      [ids.piper, 'nobody'],
      [ids.multi, 'nobody'],
      [ids.multi, '7'],
      ['kokoro', 'xx_nobody'],
    ] as const) {
      await assert.rejects(speak('wav', model, voice), (error: InstanceType<typeof OpenAI.APIError>) => {
        assert.equal(error.status, 400, `${model} ${voice}`);
        assert.equal(error.param, 'voice');
        assert.equal(error.code, 'voice_not_found');
        return true;
      });
    }
    for (const [model, voice] of [
      [ids.piper, 'nova'],
      [ids.piper, ids.piper],
      [ids.multi, '1'],
    ] as const) {
      assert.equal((await speak('wav', model, voice)).subarray(0, 4).toString('latin1'), 'RIFF', `${model} ${voice}`);
    }
  });
});

interface ListedModel {
  id: string;
  modality: string;
  capabilities: string[];
}

describe('/v1/models by modality', () => {
  const list = async (query = '') => {
    const reply = await fetch(`${host.origin}/v1/models${query}`, { headers: { Authorization: `Bearer ${host.token}` } });
    return { status: reply.status, body: (await reply.json()) as { data: ListedModel[]; error?: { param: string } } };
  };

  test('every entry says what it makes; ?modality= keeps only those', async () => {
    const all = (await list()).body.data;
    for (const model of all) assert.ok(typeof model.modality === 'string' && Array.isArray(model.capabilities), model.id);
    const text = all.filter((m) => m.modality === 'text');
    assert.equal(text.length, 1);
    assert.deepEqual(text[0]?.capabilities, ['chat.completions', 'completions']);
    const voices = (await list('?modality=voice')).body.data;
    assert.deepEqual(voices.map((m) => m.id).sort(), [ids.piper, ids.multi, ids.kokoro, 'espeak'].sort());
    assert.ok(voices.every((m) => m.capabilities.includes('audio.speech')));
    assert.deepEqual(
      (await list('?modality=image')).body.data.map((m) => m.id),
      ['procedural'],
    );
    const one = (await client.models.retrieve('espeak')) as unknown as ListedModel;
    assert.equal(one.modality, 'voice');
  });

  test('an unknown modality is a 400 on `modality`', async () => {
    const reply = await list('?modality=smell');
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error?.param, 'modality');
  });
});
