import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { AssetSchema, type Asset, type InstalledModel, type Job, type StoryboardState, type VoiceList, type VoiceSample } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_KOKORO_SAMPLE_RATE, TINY_KOKORO_VOICES } from '../../models/fixtures/tiny-kokoro.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { soundSpan, SPEECH_EDGE_PAD_SECONDS } from '../../main/platform/audio/speech-edges.js';
import { finishSpeech, SPEECH_PEAK_DBFS } from '../../main/platform/audio/speech-finish.js';
import { runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { dbfs, wavFacts } from '../support/wav-facts.js';

const FOX = 'The quick brown fox jumps over the lazy dog.';
const LONG = Array.from({ length: 30 }, (_, i) => `Part ${i + 1} of the tale goes on, slowly and with care.`).join(' ');
const never = new AbortController().signal;

let root: string;
let kokoroFolder: string;
let piperOnnx: string;
/** The finished WAV of FOX in af_heart at speed 1, as the engine makes it: every host must give exactly these bytes. */
let foxWav: Uint8Array;

function atelier(args: string[], home: string) {
  return runCli(args, { ATELIER_HOME: home });
}

/** Installs a fixture by reference, as `atelier models import --reference` does; returns its id. */
function importModel(home: string, target: string): string {
  const run = atelier(['models', 'import', target, '--reference'], home);
  assert.equal(run.status, 0, run.stderr);
  const models = JSON.parse(atelier(['models', 'list', '--json'], home).stdout) as InstalledModel[];
  const model = models.find((m) => m.path === target);
  assert.ok(model, JSON.stringify(models));
  return model.id;
}

/** A finished clip's shape: 24 kHz, peak at -1 dBFS, nothing on the rails, exactly the pad of silence at each end. */
function assertFinished(wav: Uint8Array, rate = TINY_KOKORO_SAMPLE_RATE): void {
  const facts = wavFacts(wav);
  assert.equal(facts.sampleRate, rate);
  assert.equal(facts.atFullScale, 0, 'no sample on the rails');
  assert.ok(Math.abs(dbfs(facts.peak) - SPEECH_PEAK_DBFS) < 0.05, `peak ${dbfs(facts.peak)} dBFS`);
  const pad = Math.round(SPEECH_EDGE_PAD_SECONDS * rate);
  const span = soundSpan(Float32Array.from(facts.samples, (v) => v / 32768));
  assert.deepEqual(span, { first: pad, last: facts.length - 1 - pad });
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-kokoro', 'tiny-piper'] });
  kokoroFolder = fixtures['tiny-kokoro'] as string;
  piperOnnx = path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx');
  root = await tempHome('atelier-kokoro-voice-');
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('Kokoro through the voice service (studio, real onnxruntime in its engine host)', () => {
  let studio: Studio;
  let kokoroId: string;
  let piperId: string;
  const progress: { jobId: string; detail?: string }[] = [];

  before(async () => {
    const home = path.join(root, 'studio');
    piperId = importModel(home, piperOnnx);
    kokoroId = importModel(home, kokoroFolder);
    studio = await createStudio({ host: 'cli', home });
    studio.events.subscribe((name, payload) => {
      if (name !== 'job.progress') return;
      const { job } = payload as { job: Job };
      progress.push({ jobId: job.id, ...(job.detail !== undefined && { detail: job.detail }) });
    });
    await studio.call('projects.create', { title: 'Kokoro test' });
    const model = studio.voice.requireKokoro();
    const made = await studio.voice.speakKokoro({ text: FOX, modelPath: model.path, label: model.name, voice: 'af_heart', rate: 1 }, never, () => undefined);
    foxWav = finishSpeech(made.samples, made.sampleRate).wav;
  });

  after(async () => {
    await studio?.dispose();
  });

  async function generate(input: Record<string, unknown>): Promise<{ job: Job; asset?: Asset; wav?: Uint8Array }> {
    const { jobId } = (await studio.call('voice.generate', { engine: 'kokoro', ...input })) as { jobId: string };
    const job = await studio.jobs.settled(jobId);
    if (job.state !== 'done') return { job };
    const asset = AssetSchema.parse(job.result);
    const project = (await studio.call('projects.current', {})) as { path: string };
    return { job, asset, wav: new Uint8Array(await fs.readFile(path.join(project.path, asset.file))) };
  }

  const assetCount = async () => ((await studio.call('assets.list', {})) as Asset[]).length;

  test('voice.voices lists the model with each pack’s language and gender', async () => {
    const list = (await studio.call('voice.voices', {})) as VoiceList;
    assert.equal(list.kokoro.length, 1);
    const model = list.kokoro[0] as VoiceList['kokoro'][number];
    assert.equal(model.id, kokoroId);
    assert.equal(model.sampleRate, 24_000);
    assert.deepEqual(
      model.voices.map((v) => v.id),
      [...TINY_KOKORO_VOICES],
    );
    const byId = new Map(model.voices.map((v) => [v.id, v]));
    assert.deepEqual(byId.get('af_heart'), { id: 'af_heart', name: 'Heart', languages: ['en-US'], languageName: 'American English', gender: 'female' });
    assert.deepEqual(byId.get('bm_george'), { id: 'bm_george', name: 'George', languages: ['en-GB'], languageName: 'British English', gender: 'male' });
    assert.deepEqual([byId.get('ff_siwis')?.languages, byId.get('zf_xiaoxiao')?.languageName], [['fr-FR'], 'Mandarin Chinese']);
  });

  test('voice.generate speaks a finished 24 kHz clip into the project, the engine’s own bytes, with progress and its origin', async () => {
    const { job, asset, wav } = await generate({ text: FOX, voice: 'af_heart' });
    assert.equal(job.state, 'done', job.error?.message);
    assert.ok(asset && wav);
    assert.deepEqual(wav, foxWav, 'the service adds nothing but the finish');
    assertFinished(wav);
    assert.equal(asset.origin.engine, 'kokoro');
    assert.equal(asset.origin.model, kokoroId);
    const parameters = asset.origin.parameters as Record<string, unknown>;
    assert.deepEqual([parameters.voice, parameters.language, parameters.gender, parameters.sampleRate], ['af_heart', 'en-US', 'female', 24_000]);
    assert.equal((parameters.finish as { padSeconds: number }).padSeconds, SPEECH_EDGE_PAD_SECONDS);
    assert.ok(progress.some((p) => p.jobId === job.id && /Part 1 of 1/.test(p.detail ?? '')));
    const other = await generate({ text: FOX, voice: 'bm_george' });
    assert.notDeepEqual(other.wav, wav, 'another voice pack, another sound');
  });

  test('Stop between chunks cancels the job and adds no clip', async () => {
    const before = await assetCount();
    const { jobId } = (await studio.call('voice.generate', { engine: 'kokoro', voice: 'af_heart', text: LONG })) as { jobId: string };
    await new Promise<void>((resolve) => {
      const stop = studio.events.subscribe((name, payload) => {
        const { job } = payload as { job: Job };
        if (name === 'job.progress' && job.id === jobId && /^Part 1 of/.test(job.detail ?? '')) {
          stop();
          resolve();
        }
      });
    });
    await studio.call('jobs.cancel', { id: jobId });
    const job = await studio.jobs.settled(jobId);
    assert.equal(job.state, 'cancelled');
    assert.equal(await assetCount(), before);
  });

  test('an unknown voice, a malformed one, an unknown model: typed errors at the call, no job', async () => {
    const jobs = studio.jobs.list().length;
    await assert.rejects(studio.call('voice.generate', { engine: 'kokoro', voice: 'xx_nobody', text: FOX }), (e: { code?: string; message?: string }) => {
      return e.code === 'NOT_FOUND' && /no voice "xx_nobody".*af_heart/.test(e.message ?? '');
    });
    await assert.rejects(studio.call('voice.generate', { engine: 'kokoro', voice: '../af_heart', text: FOX }), { code: 'INVALID_INPUT' });
    await assert.rejects(studio.call('voice.generate', { engine: 'kokoro', voice: 'af_heart', model: 'kokoro-nope', text: FOX }), { code: 'MODEL_NOT_FOUND' });
    await assert.rejects(studio.call('voice.generate', { engine: 'kokoro', voice: 'af_heart', model: piperId, text: FOX }), { code: 'MODEL_NOT_FOUND' });
    assert.equal(studio.jobs.list().length, jobs);
  });

  test('voice.sample: a short greeting in the voice’s language, finished, nothing saved', async () => {
    const before = await assetCount();
    const sample = (await studio.call('voice.sample', { model: kokoroId, voice: 'bf_emma' })) as VoiceSample;
    assert.match(sample.text, /Emma/);
    const wav = new Uint8Array(Buffer.from(sample.wavBase64, 'base64'));
    assertFinished(wav);
    assert.equal(sample.durationMs, Math.round((wavFacts(wav).length / 24_000) * 1000));
    assert.match(((await studio.call('voice.sample', { model: kokoroId, voice: 'ff_siwis' })) as VoiceSample).text, /Bonjour/);
    await assert.rejects(studio.call('voice.sample', { model: kokoroId, voice: 'zz_none' }), { code: 'NOT_FOUND' });
    await assert.rejects(studio.call('voice.sample', { model: piperId, voice: 'af_heart' }), { code: 'MODEL_NOT_FOUND' });
    assert.equal(await assetCount(), before);
  });

  test('scene Narrate speaks with the picked Kokoro voice once the Kokoro model is the active voice', async () => {
    await studio.call('models.use', { id: piperId });
    assert.equal(studio.voice.narrationRequest('x').engine, 'piper', 'a Piper voice in use keeps narrating');
    await studio.call('models.use', { id: kokoroId });
    await studio.call('settings.set', { kokoroVoice: 'bm_george' });
    assert.deepEqual(studio.voice.narrationRequest('Hello.'), { text: 'Hello.', engine: 'kokoro', voice: 'bm_george', model: kokoroId });
    const added = (await studio.call('storyboard.edit', { op: 'add', title: 'Dusk', text: FOX })) as StoryboardState;
    const scene = added.scenes.at(-1) as StoryboardState['scenes'][number];
    const { jobId } = (await studio.call('storyboard.sceneAction', { sceneId: scene.id, action: 'narrate' })) as { jobId: string };
    assert.equal((await studio.jobs.settled(jobId)).state, 'done');
    const narrated = ((await studio.call('storyboard.get', {})) as StoryboardState).scenes.find((s) => s.id === scene.id);
    const asset = ((await studio.call('assets.list', {})) as Asset[]).find((a) => a.id === narrated?.narrationAssetId);
    assert.equal(asset?.origin.engine, 'kokoro');
    assert.equal((asset?.origin.parameters as { voice: string }).voice, 'bm_george');
    await assert.rejects(studio.call('settings.set', { kokoroVoice: '../x' }), { code: 'INVALID_INPUT' });
  });

  test('every local engine’s clip is finished alike: the Piper fixture no longer clips, espeak’s long silences are cut', async () => {
    const piper = await generate({ engine: 'piper', voice: piperId, text: FOX });
    assert.equal(piper.job.state, 'done', piper.job.error?.message);
    assertFinished(piper.wav as Uint8Array, 16_000);
    const espeak = await generate({ engine: 'espeak', voice: 'en', text: FOX });
    assertFinished(espeak.wav as Uint8Array, 22_050);
  });
});

describe('no Kokoro model installed', () => {
  test('voice.generate, voice.sample and the CLI answer MODEL_NOT_FOUND saying how to get one', async () => {
    const home = path.join(root, 'bare');
    const studio = await createStudio({ host: 'cli', home });
    try {
      await studio.call('projects.create', { title: 'Bare' });
      await assert.rejects(studio.call('voice.generate', { engine: 'kokoro', voice: 'af_heart', text: FOX }), (e: { code?: string; message?: string }) => {
        return e.code === 'MODEL_NOT_FOUND' && /no Kokoro model is installed/.test(e.message ?? '');
      });
      await assert.rejects(studio.call('voice.sample', { model: 'kokoro', voice: 'af_heart' }), { code: 'MODEL_NOT_FOUND' });
      assert.deepEqual(((await studio.call('voice.voices', {})) as VoiceList).kokoro, []);
    } finally {
      await studio.dispose();
    }
    const run = atelier(['voice', '--engine', 'kokoro', FOX, '-o', path.join(root, 'none.wav')], home);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /no Kokoro model is installed/);
  });
});

describe('atelier voice --engine kokoro', () => {
  test('an installed model’s voice, or a folder by path: the same finished bytes as the studio’s clip', async () => {
    const home = path.join(root, 'cli');
    importModel(home, kokoroFolder);
    const out = path.join(root, 'fox.wav');
    const run = atelier(['voice', '--engine', 'kokoro', '--voice', 'af_heart', FOX, '-o', out], home);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /kokoro voice af_heart \(Heart, American English, female\).*24\.00 kHz/);
    assert.deepEqual(new Uint8Array(await fs.readFile(out)), foxWav);
    const byPath = path.join(root, 'fox-path.wav');
    const direct = atelier(['voice', '--engine', 'kokoro', '--model', kokoroFolder, FOX, '-o', byPath], path.join(root, 'cli-empty'));
    assert.equal(direct.status, 0, direct.stderr);
    assert.deepEqual(new Uint8Array(await fs.readFile(byPath)), foxWav, 'af_heart is the default voice');

    const unknown = atelier(['voice', '--engine', 'kokoro', '--voice', 'xx_nobody', FOX, '-o', path.join(root, 'x.wav')], home);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /no voice "xx_nobody"/);
    const misplaced = atelier(['voice', '--model', 'x', FOX, '-o', path.join(root, 'y.wav')], home);
    assert.notEqual(misplaced.status, 0);
    assert.match(misplaced.stderr, /--model is for Kokoro/);
    await assert.rejects(fs.stat(path.join(root, 'x.wav')), { code: 'ENOENT' });

    const voices = atelier(['voices'], home);
    assert.equal(voices.status, 0, voices.stderr);
    assert.match(voices.stdout, /Kokoro: .*6 voices/);
    assert.match(voices.stdout, /bm_george\s+male\s+George · British English/);
  });
});

describe('OpenAI /v1/audio/speech with Kokoro (official openai client)', () => {
  let host: RunningWebHost;
  let client: OpenAI;
  let kokoroId: string;

  before(async () => {
    const home = await tempHome('atelier-kokoro-openai-');
    kokoroId = importModel(home, kokoroFolder);
    host = await startWebHostProcess({ home });
    client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 60_000 });
  });

  after(async () => {
    await host?.stop();
    if (host) await fs.rm(host.home, { recursive: true, force: true });
  });

  const speech = async (model: string, voice: string, speed = 1) =>
    new Uint8Array(await (await client.audio.speech.create({ model, voice, input: FOX, response_format: 'wav', speed })).arrayBuffer());

  test('model "kokoro", "kokoro-82m" or the installed id with a Kokoro voice id: the engine’s finished bytes', async () => {
    const listed = [];
    for await (const model of client.models.list()) listed.push(model as unknown as { id: string; atelier?: { format: string } });
    assert.equal(listed.find((m) => m.id === kokoroId)?.atelier?.format, 'kokoro');
    for (const model of ['kokoro', 'kokoro-82m', 'hexgrad/Kokoro-82M', kokoroId]) assert.deepEqual(await speech(model, 'af_heart'), foxWav, model);
    assert.deepEqual(await speech('kokoro', 'alloy'), foxWav, "OpenAI's voice names mean the narration voice (af_heart)");
    const george = await speech('kokoro', 'bm_george', 1.5);
    assertFinished(george);
    assert.notDeepEqual(george, foxWav);
    const mp3 = await (await client.audio.speech.create({ model: 'kokoro', voice: 'af_heart', input: FOX, response_format: 'mp3' })).arrayBuffer();
    assert.ok(mp3.byteLength > 1000);
  });

  test('an unknown voice is a 400 on `voice` in OpenAI’s shape; a bad speed is a 400 on `speed`', async () => {
    await assert.rejects(speech('kokoro', 'xx_nobody'), (error: InstanceType<typeof OpenAI.APIError>) => {
      assert.equal(error.status, 400);
      assert.equal(error.param, 'voice');
      assert.equal(error.code, 'voice_not_found');
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /no voice "xx_nobody"/);
      return true;
    });
    await assert.rejects(speech('kokoro', 'af_heart', 3), (error: InstanceType<typeof OpenAI.APIError>) => error.status === 400 && error.param === 'speed');
  });
});

describe('OpenAI /v1/audio/speech with no Kokoro model', () => {
  test('model "kokoro" is a 404 model_not_found', async () => {
    const host = await startWebHostProcess({ home: await tempHome('atelier-kokoro-none-') });
    try {
      const client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 60_000 });
      await assert.rejects(
        client.audio.speech.create({ model: 'kokoro', voice: 'af_heart', input: FOX, response_format: 'wav' }),
        (error: InstanceType<typeof OpenAI.APIError>) => {
          return error.status === 404 && error.code === 'model_not_found';
        },
      );
    } finally {
      await host.stop();
      await fs.rm(host.home, { recursive: true, force: true });
    }
  });
});
