import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { AssetSchema, type Asset, type InstalledModel, type Job } from '../../preload/contract.js';
import type { VoiceList } from '../../preload/schemas/voice.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_PIPER_MULTI_SPEAKERS, TINY_PIPER_SAMPLES_PER_ID, TINY_PIPER_SAMPLE_RATE } from '../../models/fixtures/tiny-piper.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { loadPiperConfig } from '../../main/engines/voice/piper/piper-config.js';
import { PIPER_SENTENCE_SILENCE_SECONDS, PiperEngine } from '../../main/engines/voice/piper/piper-engine.js';
import { PiperClient } from '../../main/engines/voice/piper/piper-client.js';
import { finishSpeech } from '../../main/platform/audio/speech-finish.js';
import { SPEECH_EDGE_PAD_SECONDS } from '../../main/platform/audio/speech-edges.js';
import type { Logger } from '../../main/platform/log.js';
import { clausePhonemes, phonemesToIds, phonemizeForPiper, splitClauses } from '../../main/engines/voice/piper/piper-phonemes.js';
import { runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { wavFacts } from '../support/wav-facts.js';

const FOX = 'The quick brown fox jumps over the lazy dog.';
const TWO = `${FOX} It was a bright cold day in April.`;
const never = new AbortController().signal;

let root: string;
let voiceOnnx: string;
let multiOnnx: string;

/** The samples the fixture speaks for `text` at a length scale: ids × 256 × scale per sentence, plus Piper's pause between sentences. */
async function expectedSamples(text: string, lengthScale = 1): Promise<number> {
  const config = await loadPiperConfig(voiceOnnx);
  const sentences = await phonemizeForPiper(text, 'en-us', never);
  const speech = sentences.reduce(
    (n, s) => n + Math.floor(phonemesToIds(s.phonemes, config.phonemeIds).ids.length * TINY_PIPER_SAMPLES_PER_ID * lengthScale),
    0,
  );
  return speech + Math.round(PIPER_SENTENCE_SILENCE_SECONDS * TINY_PIPER_SAMPLE_RATE) * (sentences.length - 1);
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => undefined };
let engineClient: PiperClient;

/**
 * The length every saved or served clip of `text` must have: the fixture's own output (checked
 * against the ids it speaks), finished as every clip is (peak, fixed pad at the ends).
 */
async function finishedSamples(text: string, rate = 1, voicePath = voiceOnnx, speaker?: number): Promise<number> {
  const made = await new PiperEngine(engineClient, quiet).generate(
    { text, voicePath, rate, ...(speaker !== undefined && { speaker }) },
    never,
    () => undefined,
  );
  if (voicePath === voiceOnnx) assert.equal(made.samples.length, await expectedSamples(text, 1 / rate));
  return finishSpeech(made.samples, made.sampleRate).samples.length;
}

function atelier(args: string[], home = path.join(root, 'cli-home')) {
  return runCli(args, { ATELIER_HOME: home });
}

/** Imports a fixture voice into a data folder by reference, as `atelier models import` does; returns its id. */
function importVoice(home: string, onnx: string): string {
  const run = atelier(['models', 'import', onnx, '--reference'], home);
  assert.equal(run.status, 0, run.stderr);
  const models = JSON.parse(atelier(['models', 'list', '--json'], home).stdout) as InstalledModel[];
  const model = models.find((m) => m.path === onnx);
  assert.ok(model, JSON.stringify(models));
  return model.id;
}

/** A copy of the fixture voice under `name`, for damaging. */
async function copyVoice(name: string): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  const onnx = path.join(dir, `${name}.onnx`);
  await fs.copyFile(voiceOnnx, onnx);
  await fs.copyFile(`${voiceOnnx}.json`, `${onnx}.json`);
  return onnx;
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-piper', 'tiny-piper-multi'] });
  voiceOnnx = path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx');
  multiOnnx = path.join(fixtures['tiny-piper-multi'] as string, 'tiny-piper-multi.onnx');
  root = await tempHome('atelier-piper-');
  engineClient = new PiperClient(quiet);
});

after(async () => {
  await engineClient.stop();
  await fs.rm(root, { recursive: true, force: true });
});

describe('Piper phonemes and ids', () => {
  test('espeak-ng IPA for a known sentence, with the closing punctuation kept as a phoneme', async () => {
    const [fox] = await phonemizeForPiper(FOX, 'en-us', never);
    assert.equal(fox?.phonemes.join(''), 'ðə kwˈɪk bɹˈaʊn fˈɑːks dʒˈʌmps ˌoʊvɚ ðə lˈeɪzi dˈɑːɡ.');
    const clauses = await phonemizeForPiper('Hello, world! Is it you? Yes: it is; truly.', 'en-us', never);
    assert.deepEqual(
      clauses.map((s) => s.phonemes.join('')),
      ['həlˈoʊ, wˈɜːld!', 'ɪz ɪt jˈuː?', 'jˈɛs: ɪɾ ˈɪz; tɹˈuːli.'],
      'sentence by sentence; , : ; are followed by a space as piper-phonemize does',
    );
    assert.deepEqual(splitClauses('One, two three'), [{ text: 'One,', terminator: ',' }, { text: 'two three' }]);
  });

  test('language-switch marks are dropped and phonemes are NFD code points', () => {
    assert.deepEqual(clausePhonemes('(en)tʊ(de) lˈɪçt', '!'), ['t', 'ʊ', ' ', 'l', 'ˈ', 'ɪ', 'c', '\u0327', 't', '!']);
  });

  test("ids follow piper's layout: ^ _ then each phoneme and a pad, then $; unknown phonemes are skipped", async () => {
    const { phonemeIds } = await loadPiperConfig(voiceOnnx);
    const id = (p: string) => phonemeIds.get(p)?.[0] as number;
    const { ids, missing } = phonemesToIds(['h', 'ə', '☃', 'l'], phonemeIds);
    assert.deepEqual(ids, [id('^'), id('_'), id('h'), id('_'), id('ə'), id('_'), id('l'), id('_'), id('$')]);
    assert.deepEqual([...missing], [['☃', 1]]);
    assert.deepEqual([id('^'), id('_'), id('$')], [1, 0, 2]);
  });
});

describe('voice.generate with a Piper voice (studio, real onnxruntime in its engine host)', () => {
  let studio: Studio;
  let voiceId: string;
  let multiId: string;
  let corruptId: string;
  const progress: { jobId: string; detail?: string; fraction: number | null }[] = [];

  before(async () => {
    const home = path.join(root, 'studio-home');
    voiceId = importVoice(home, voiceOnnx);
    multiId = importVoice(home, multiOnnx);
    const corrupt = await copyVoice('corrupt-voice');
    corruptId = importVoice(home, corrupt);
    // Damaged after install: onnxruntime must refuse it when the job runs.
    const bytes = await fs.readFile(corrupt);
    await fs.writeFile(corrupt, bytes.subarray(0, Math.floor(bytes.length / 3)));
    studio = await createStudio({ host: 'cli', home });
    studio.events.subscribe((name, payload) => {
      if (name !== 'job.progress') return;
      const { job } = payload as { job: Job };
      progress.push({ jobId: job.id, fraction: job.progress, ...(job.detail !== undefined && { detail: job.detail }) });
    });
    await studio.call('projects.create', { title: 'Piper test' });
  });

  after(async () => {
    await studio?.dispose();
  });

  async function generate(input: Record<string, unknown>): Promise<{ job: Job; asset?: Asset; wav?: Uint8Array }> {
    const { jobId } = (await studio.call('voice.generate', { engine: 'piper', ...input })) as { jobId: string };
    const job = await studio.jobs.settled(jobId);
    if (job.state !== 'done') return { job };
    const asset = AssetSchema.parse(job.result);
    const assets = (await studio.call('assets.list', {})) as Asset[];
    assert.ok(assets.some((a) => a.id === asset.id));
    const project = (await studio.call('projects.current', {})) as { path: string };
    const wav = new Uint8Array(await fs.readFile(path.join(project.path, asset.file)));
    return { job, asset, wav };
  }

  async function assetCount(): Promise<number> {
    return ((await studio.call('assets.list', {})) as Asset[]).length;
  }

  test('voice.voices lists the installed Piper voices with their speakers beside espeak', async () => {
    const list = (await studio.call('voice.voices', {})) as VoiceList;
    assert.ok(list.voices.length >= 50, 'espeak voices are still there');
    const single = list.neural.find((v) => v.id === voiceId);
    assert.deepEqual(single, {
      engine: 'piper',
      id: voiceId,
      name: single?.name,
      languages: ['en-US', 'en'],
      quality: 'x_low',
      sampleRate: 16_000,
      speakers: [],
    });
    const multi = list.neural.find((v) => v.id === multiId);
    assert.deepEqual(
      multi?.speakers,
      TINY_PIPER_MULTI_SPEAKERS.map((name, id) => ({ id, name })),
    );
  });

  test('speaks sentence by sentence into a 16 kHz WAV asset whose origin says how it was made', async () => {
    const before = progress.length;
    const { job, asset, wav } = await generate({ voice: voiceId, text: TWO });
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    // The job manager coalesces bursts of progress, so the tray sees at least one sentence step.
    const details = progress
      .slice(before)
      .filter((p) => p.jobId === job.id)
      .map((p) => p.detail);
    assert.ok(
      details.some((d) => /^Sentence [12] of 2$/.test(d ?? '')),
      details.join(' | '),
    );
    assert.equal(asset?.kind, 'audio');
    assert.equal(asset?.origin.engine, 'piper');
    assert.equal(asset?.origin.model, voiceId);
    assert.equal(asset?.origin.parameters?.speaker, 0);
    assert.equal(asset?.origin.parameters?.rate, 1);
    assert.equal(asset?.origin.parameters?.sampleRate, 16_000);
    assert.equal(asset?.origin.parameters?.sentences, 2);
    const facts = wavFacts(wav as Uint8Array);
    assert.deepEqual([facts.sampleRate, facts.bitsPerSample, facts.channels], [16_000, 16, 1]);
    assert.equal(facts.length, await finishedSamples(TWO));
    assert.ok(facts.rms > 0.05, `not silent: rms ${facts.rms}`);
    assert.equal(Math.round((facts.length / 16_000) * 1000), asset?.origin.durationMs);
  });

  test('rate 2 halves the length scale, so the clip is about half as long', async () => {
    const normal = wavFacts((await generate({ voice: voiceId, text: FOX })).wav as Uint8Array).length;
    const fast = await generate({ voice: voiceId, text: FOX, rate: 2 });
    assert.equal(fast.asset?.origin.parameters?.lengthScale, 0.5);
    const length = wavFacts(fast.wav as Uint8Array).length;
    assert.equal(length, await finishedSamples(FOX, 2));
    // The speech between the fixed pads of silence is what the rate shortens.
    const pads = 2 * Math.round(SPEECH_EDGE_PAD_SECONDS * 16_000);
    assert.ok(length - pads < 0.55 * (normal - pads) && length - pads > 0.45 * (normal - pads), `${length} vs ${normal}`);
  });

  test('a multi-speaker voice speaks with the speaker asked for; a speaker it lacks is refused', async () => {
    const first = await generate({ voice: multiId, text: FOX, speaker: 0 });
    const second = await generate({ voice: multiId, text: FOX, speaker: 1 });
    assert.equal(second.asset?.origin.parameters?.speaker, 1);
    assert.equal(second.asset?.origin.parameters?.speakerName, 'lighthouse');
    // The same ids for both speakers; only the finish's trim at the ends may differ by a few samples.
    assert.equal(wavFacts(first.wav as Uint8Array).length, await finishedSamples(FOX, 1, multiOnnx, 0));
    assert.equal(wavFacts(second.wav as Uint8Array).length, await finishedSamples(FOX, 1, multiOnnx, 1));
    assert.notDeepEqual(first.wav, second.wav, 'another speaker, another sound');
    const count = await assetCount();
    await assert.rejects(studio.call('voice.generate', { engine: 'piper', voice: multiId, text: FOX, speaker: 3 }), { code: 'INVALID_INPUT' });
    await assert.rejects(studio.call('voice.generate', { engine: 'piper', voice: voiceId, text: FOX, speaker: 1 }), { code: 'INVALID_INPUT' });
    assert.equal(await assetCount(), count);
  });

  test('the engine reports every sentence, and an abort between sentences stops before the next one', async () => {
    const text = Array.from({ length: 6 }, (_, i) => `This is sentence number ${i + 1}.`).join(' ');
    const seen: string[] = [];
    const made = await studio.piper.generate({ text, voicePath: voiceOnnx, rate: 1 }, never, (update) => seen.push(update.detail ?? ''));
    assert.equal(made.sentences, 6);
    assert.deepEqual(seen, ['Reading phonemes', ...Array.from({ length: 6 }, (_, i) => `Sentence ${i + 1} of 6`)]);

    const controller = new AbortController();
    const stopped: string[] = [];
    const pending = studio.piper.generate({ text, voicePath: voiceOnnx, rate: 1 }, controller.signal, (update) => {
      stopped.push(update.detail ?? '');
      if (update.detail === 'Sentence 2 of 6') controller.abort();
    });
    await assert.rejects(pending, { code: 'CANCELLED' });
    assert.deepEqual(stopped, ['Reading phonemes', 'Sentence 1 of 6', 'Sentence 2 of 6']);
  });

  test('Stop cancels the job and saves nothing', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1}.`).join(' ');
    const count = await assetCount();
    // The first step goes out at once (later ones are coalesced): Stop as soon as the job shows it is reading phonemes.
    const unsubscribe = studio.events.subscribe((name, payload) => {
      const { job } = payload as { job: Job };
      if (name === 'job.progress' && job.kind === 'voice.generate' && job.detail === 'Reading phonemes') studio.jobs.cancel(job.id);
    });
    try {
      const { job } = await generate({ voice: voiceId, text });
      assert.equal(job.state, 'cancelled');
    } finally {
      unsubscribe();
    }
    assert.equal(await assetCount(), count);
  });

  test('an unknown voice, empty text and a damaged voice are typed errors, and no asset is saved', async () => {
    const count = await assetCount();
    await assert.rejects(
      studio.call('voice.generate', { engine: 'piper', voice: 'no-such-voice', text: FOX }),
      (error: { code?: string; message?: string }) => {
        assert.equal(error.code, 'MODEL_NOT_FOUND');
        assert.match(error.message ?? '', /no installed Piper voice "no-such-voice".*Installed voices: /);
        return true;
      },
    );
    await assert.rejects(studio.call('voice.generate', { engine: 'piper', voice: voiceId, text: '   ' }), { code: 'INVALID_INPUT' });
    const { job } = await generate({ voice: corruptId, text: FOX });
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.code, 'MODEL_INVALID', JSON.stringify(job.error));
    assert.equal(await assetCount(), count);
    // The engine host lives on: the next job speaks.
    assert.equal((await generate({ voice: voiceId, text: 'Still here.' })).job.state, 'done');
  });
});

describe('atelier voice --engine piper and atelier voices', () => {
  test('speaks with a voice named by folder, by .onnx path and by installed id', async () => {
    const out = path.join(root, 'cli-folder.wav');
    const run = atelier(['voice', '--engine', 'piper', '--voice', path.dirname(voiceOnnx), FOX, '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*cli-folder\.wav: piper voice tiny-piper, rate 1, 1 sentence, \d+\.\d\d s, 16\.00 kHz mono 16-bit WAV\n$/);
    const facts = wavFacts(await fs.readFile(out));
    assert.deepEqual([facts.sampleRate, facts.channels, facts.length], [16_000, 1, await finishedSamples(FOX)]);

    const fast = path.join(root, 'cli-fast.wav');
    assert.equal(atelier(['voice', '--engine', 'piper', '--voice', voiceOnnx, '--rate', '2', FOX, '-o', fast]).status, 0);
    assert.equal(wavFacts(await fs.readFile(fast)).length, await finishedSamples(FOX, 2));

    const home = path.join(root, 'cli-installed');
    const id = importVoice(home, multiOnnx);
    const byId = path.join(root, 'cli-id.wav');
    const speaking = atelier(['voice', '--engine', 'piper', '--voice', id, '--speaker', 'gull', FOX, '-o', byId], home);
    assert.equal(speaking.status, 0, speaking.stderr);
    assert.match(speaking.stdout, new RegExp(`piper voice ${id}, speaker 2 \\(gull\\)`));

    const listed = atelier(['voices', '--json'], home);
    assert.equal(listed.status, 0, listed.stderr);
    const list = JSON.parse(listed.stdout) as VoiceList;
    assert.ok(
      list.voices.some((v) => v.id === 'de'),
      'espeak voices',
    );
    assert.deepEqual(
      list.neural.map((v) => [v.id, v.speakers.length]),
      [[id, 3]],
    );
    assert.match(atelier(['voices'], home).stdout, new RegExp(`Piper: 1 installed voice[^\\n]*\\n${id} .*3 speakers: 0 harbour, 1 lighthouse, 2 gull`));
  });

  test('an unknown voice, a bad speaker, a damaged .onnx and a broken config fail in one line and write nothing', async () => {
    const out = path.join(root, 'cli-refused.wav');
    const damaged = await copyVoice('damaged');
    await fs.writeFile(damaged, Buffer.from('not an onnx graph at all'));
    const badConfig = await copyVoice('bad-config');
    await fs.writeFile(`${badConfig}.json`, '{"audio": {"sample_rate": 16000}');
    const cases: [string[], RegExp][] = [
      [['--voice', 'no-such-voice'], /^atelier: MODEL_NOT_FOUND: there is no installed Piper voice "no-such-voice"\. No Piper voice is installed yet/],
      [['--voice', multiOnnx, '--speaker', '7'], /^atelier: INVALID_INPUT: tiny-piper-multi has 3 speakers \(0 to 2\); there is no speaker 7\.\n$/],
      [['--voice', damaged], /^atelier: MODEL_INVALID: damaged could not be loaded by onnxruntime/],
      [['--voice', badConfig], /^atelier: MODEL_INVALID: bad-config is not a usable Piper voice: bad-config\.onnx\.json is not valid JSON\.\n$/],
    ];
    for (const [args, expected] of cases) {
      const run = atelier(['voice', '--engine', 'piper', ...args, FOX, '-o', out]);
      assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
      await assert.rejects(fs.access(out));
    }
  });
});

describe('OpenAI /v1/audio/speech with a Piper voice (official openai client)', () => {
  let host: RunningWebHost;
  let client: OpenAI;
  let voiceId: string;
  let multiId: string;

  before(async () => {
    const home = await tempHome('atelier-piper-openai-');
    voiceId = importVoice(home, voiceOnnx);
    multiId = importVoice(home, multiOnnx);
    host = await startWebHostProcess({ home });
    client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 60_000 });
  });

  after(async () => {
    await host?.stop();
    if (host) await fs.rm(host.home, { recursive: true, force: true });
  });

  test('/v1/models lists the installed voices; speech with a voice id is the WAV the engine makes', async () => {
    const listed = [];
    for await (const model of client.models.list()) listed.push(model as unknown as { id: string; atelier: { modality: string; format: string } });
    for (const id of [voiceId, multiId]) assert.deepEqual(listed.find((m) => m.id === id)?.atelier.format, 'piper');

    const speech = async (model: string, voice: string, speed = 1) =>
      new Uint8Array(await (await client.audio.speech.create({ model, voice, input: FOX, response_format: 'wav', speed })).arrayBuffer());
    const wav = await speech(voiceId, 'alloy');
    assert.equal(Buffer.from(wav.subarray(0, 4)).toString('latin1'), 'RIFF');
    const facts = wavFacts(wav);
    assert.deepEqual([facts.sampleRate, facts.length], [16_000, await finishedSamples(FOX)]);
    assert.equal(wavFacts(await speech(voiceId, 'alloy', 2)).length, await finishedSamples(FOX, 2));

    const harbour = await speech(multiId, 'alloy');
    const lighthouse = await speech(multiId, 'lighthouse');
    assert.deepEqual(await speech(multiId, 'harbour'), harbour, 'OpenAI voice names mean the first speaker');
    assert.notDeepEqual(lighthouse, harbour);
    await assert.rejects(
      speech(multiId, 'nobody'),
      (error: { status?: number }) => error.status === 400,
      'an unknown voice is a 400 (voice_not_found), as OpenAI answers',
    );
  });
});
