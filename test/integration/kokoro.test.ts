import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_KOKORO_SAMPLES_PER_ID, TINY_KOKORO_SAMPLE_RATE, TINY_KOKORO_VOICES } from '../../models/fixtures/tiny-kokoro.js';
import { KOKORO_CONTEXT_TOKENS, packChunks, tokenizePhonemes } from '../../main/engines/voice/kokoro/kokoro-chunks.js';
import { KokoroClient } from '../../main/engines/voice/kokoro/kokoro-client.js';
import { KOKORO_CHUNK_SILENCE_SECONDS, KokoroEngine, type KokoroRequest } from '../../main/engines/voice/kokoro/kokoro-engine.js';
import { listKokoroVoices, loadKokoroModel } from '../../main/engines/voice/kokoro/kokoro-model.js';
import { normalizeEnglish, sentencesOf } from '../../main/engines/voice/kokoro/kokoro-normalize.js';
import { phonemizeForKokoro } from '../../main/engines/voice/kokoro/kokoro-phonemes.js';
import { readStyleRow } from '../../main/engines/voice/kokoro/kokoro-voice-pack.js';
import { KOKORO_LANGUAGES, kokoroLanguageOf } from '../../main/engines/voice/kokoro/kokoro-voices.js';
import { checkModelFolder, detectModel } from '../../main/platform/formats/detect-model.js';
import type { Logger } from '../../main/platform/log.js';
import { waitFor } from '../support/wait-for.js';
import { tempHome } from '../support/web-host.js';
import { wavFacts } from '../support/wav-facts.js';

const FOX = 'The quick brown fox jumps over the lazy dog.';
const never = new AbortController().signal;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => undefined };
const LONG = Array.from({ length: 40 }, (_, i) => `Sentence number ${i + 1} tells a little more of the story, slowly and with care.`).join(' ');

let root: string;
let folder: string;
let client: KokoroClient;
let engine: KokoroEngine;

/** The chunks the engine runs for `text` with `voice`, by the same steps it takes. */
async function expectedChunks(text: string, voice = 'af_heart'): Promise<number[][]> {
  const model = await loadKokoroModel(folder);
  const language = kokoroLanguageOf(voice);
  const phonemes = await phonemizeForKokoro(sentencesOf(text, language), language, never);
  return packChunks(
    phonemes.map((p) => tokenizePhonemes(p, model.vocabulary).ids),
    model.vocabulary,
  );
}

/** The fixture's length for those chunks: (ids + 2 pads) × 240 / speed each, and the silence between. */
function expectedLength(chunks: number[][], speed: number): number {
  const speech = chunks.reduce((n, c) => n + Math.floor(((c.length + 2) * TINY_KOKORO_SAMPLES_PER_ID) / speed), 0);
  return speech + Math.round(KOKORO_CHUNK_SILENCE_SECONDS * TINY_KOKORO_SAMPLE_RATE) * (chunks.length - 1);
}

function speak(request: Partial<KokoroRequest> & { text: string }, signal = never, onProgress: (detail: string) => void = () => undefined) {
  return engine.generate({ modelPath: folder, rate: 1, ...request }, signal, (update) => onProgress(update.detail ?? ''));
}

/** A copy of the fixture folder, for damaging. */
async function copyModel(name: string): Promise<string> {
  const dir = path.join(root, name);
  await fs.cp(folder, dir, { recursive: true });
  return dir;
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-kokoro', 'tiny-piper'] });
  folder = fixtures['tiny-kokoro'] as string;
  root = await tempHome('atelier-kokoro-');
  client = new KokoroClient(quiet);
  engine = new KokoroEngine(client, quiet);
});

after(async () => {
  await client.stop();
  await fs.rm(root, { recursive: true, force: true });
});

describe('Kokoro text, phonemes and ids', () => {
  test('espeak-ng IPA with punctuation kept and kokoro-js fixes: its own name, years, American flapped t', async () => {
    const a = KOKORO_LANGUAGES.a as (typeof KOKORO_LANGUAGES)['a'] & object;
    const [hello, year] = await phonemizeForKokoro(['Hello, world! This is Kokoro.', normalizeEnglish('In 1990, Mr. Smith paid $5.')], a, never);
    assert.equal(hello, 'həlˈoʊ, wˈɜːld! ðɪs ɪz kˈoʊkəɹoʊ.');
    assert.equal(year, 'ɪn nˈaɪntiːn nˈaɪndi, mˈɪstɚ smˈɪθ pˈeɪd fˈaɪv dˈɑːlɚz.');
    const [british] = await phonemizeForKokoro(['This is Kokoro.'], KOKORO_LANGUAGES.b as typeof a, never);
    assert.equal(british, 'ðɪs ɪz kˈəʊkəɹəʊ.');
    // French from espeak's fr-fr voice, its language-switch marks gone.
    const [french] = await phonemizeForKokoro(['Bonjour le monde, hello!'], KOKORO_LANGUAGES.f as typeof a, never);
    assert.ok(french && !/\((en|fr)\)/.test(french) && french.startsWith('bɔ̃ʒˈuʁ'), french);
  });

  test('the real vocabulary maps phonemes one character at a time; characters it lacks are dropped and counted', async () => {
    const model = await loadKokoroModel(folder);
    assert.equal(model.vocabulary.padId, 0);
    // The same ids Kokoro's tokenizer gives ("klˈɔdi ɪz ɹˈɛdi." is a published check of that table).
    const { ids, dropped } = tokenizePhonemes('klˈɔdi ɪz ɹˈɛdi.«', model.vocabulary);
    assert.deepEqual(ids, [53, 54, 156, 76, 46, 51, 16, 102, 68, 16, 123, 156, 86, 46, 51, 4]);
    assert.deepEqual([...dropped], [['«', 1]]);
  });

  test('long text is packed into chunks within the 510-token context, cut between sentences', async () => {
    const chunks = await expectedChunks(LONG);
    assert.ok(chunks.length >= 4, `${chunks.length} chunks`);
    const model = await loadKokoroModel(folder);
    const period = model.vocabulary.ids.get('.');
    for (const chunk of chunks) {
      assert.ok(chunk.length >= 1 && chunk.length <= KOKORO_CONTEXT_TOKENS, String(chunk.length));
      assert.equal(chunk.at(-1), period, 'each chunk ends at the end of a sentence');
    }
    // One sentence longer than the context is cut at a comma or a space, never past 510.
    const sentence = `${Array.from({ length: 90 }, (_, i) => `word${i}, and more`).join(' ')}.`;
    const long = await expectedChunks(sentence);
    assert.ok(long.length >= 2 && long.every((c) => c.length <= KOKORO_CONTEXT_TOKENS));
  });

  test('the style row is the phoneme count, clamped to the pack', async () => {
    const pack = path.join(folder, 'voices', 'af_heart.bin');
    const short = await readStyleRow(pack, 12, 'tiny');
    const last = await readStyleRow(pack, 5000, 'tiny');
    assert.deepEqual([short.row, short.rows, last.row], [12, 510, 509]);
    assert.notDeepEqual(short.style, last.style);
    const bytes = await fs.readFile(pack);
    assert.equal(short.style[3], bytes.readFloatLE(12 * 1024 + 3 * 4));
  });
});

describe('a Kokoro model folder', () => {
  test('is recognised by its content on import, its graph checksummed and the folder loaded whole', async () => {
    const detected = await detectModel(folder, 'tiny-kokoro');
    assert.equal(detected.format, 'kokoro');
    assert.equal(detected.modality, 'voice');
    assert.equal(detected.mainFile, 'onnx/model.onnx');
    assert.equal(detected.entry, '');
    assert.ok(detected.files.includes('tokenizer.json') && detected.files.includes('voices/bm_george.bin'), detected.files.join());
    const checked = await checkModelFolder('kokoro', folder, detected.files, 'tiny-kokoro');
    assert.equal(checked.mainFile, 'onnx/model.onnx');
  });

  test('lists its voices with the language and gender their ids say', async () => {
    const voices = await listKokoroVoices(folder);
    assert.deepEqual(
      voices.map((v) => v.id),
      [...TINY_KOKORO_VOICES].sort(),
    );
    const by = (id: string) => voices.find((v) => v.id === id);
    assert.deepEqual([by('af_heart')?.language?.tag, by('af_heart')?.gender, by('af_heart')?.name], ['en-US', 'female', 'Heart']);
    assert.deepEqual([by('bm_george')?.language?.tag, by('bm_george')?.gender], ['en-GB', 'male']);
    assert.deepEqual([by('ff_siwis')?.language?.name, by('zf_xiaoxiao')?.language?.espeak], ['French', 'cmn']);
  });

  test('a damaged graph, a graph that is not Kokoro and a broken vocabulary are refused with MODEL_INVALID', async () => {
    const truncated = await copyModel('truncated');
    const graph = path.join(truncated, 'onnx', 'model.onnx');
    await fs.truncate(graph, Math.floor((await fs.stat(graph)).size / 3));
    await assert.rejects(detectModel(truncated), { code: 'MODEL_INVALID' });

    const piper = await copyModel('not-kokoro');
    const fixtures = await ensureFixtures({ only: ['tiny-piper'] });
    await fs.copyFile(path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx'), path.join(piper, 'onnx', 'model.onnx'));
    await assert.rejects(detectModel(piper), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'MODEL_INVALID');
      assert.match(error.message ?? '', /lacks the inputs input_ids, style, speed/);
      return true;
    });

    const vocab = await copyModel('bad-vocab');
    await fs.writeFile(path.join(vocab, 'tokenizer.json'), '{"model": {"vocab": {}}}');
    await assert.rejects(detectModel(vocab), { code: 'MODEL_INVALID' });
  });
});

describe('the Kokoro engine on onnxruntime-node', () => {
  test('speaks a 24 kHz clip whose length is the chunks’ ids over speed; the same request gives the same samples', async () => {
    const first = await speak({ text: FOX, voice: 'af_heart' });
    const again = await speak({ text: FOX, voice: 'af_heart' });
    assert.equal(first.sampleRate, 24_000);
    assert.equal(first.samples.length, expectedLength(await expectedChunks(FOX), 1));
    assert.deepEqual(again.samples, first.samples, 'deterministic');
    const facts = wavFacts(first.wav);
    assert.deepEqual([facts.sampleRate, facts.channels, facts.bitsPerSample, facts.length], [24_000, 1, 16, first.samples.length]);
    assert.ok(facts.rms > 0.05 && facts.atFullScale === 0, JSON.stringify({ rms: facts.rms, full: facts.atFullScale }));
    assert.deepEqual([first.voice.id, first.voice.gender, first.parameters.graph], ['af_heart', 'female', 'onnx/model.onnx']);
  });

  test('speed 2 halves the duration and 0.5 doubles it; another voice sounds different at the same length', async () => {
    const chunks = await expectedChunks(FOX);
    const normal = await speak({ text: FOX });
    const fast = await speak({ text: FOX, rate: 2 });
    const slow = await speak({ text: FOX, rate: 0.5 });
    assert.equal(fast.samples.length, expectedLength(chunks, 2));
    assert.equal(slow.samples.length, expectedLength(chunks, 0.5));
    assert.ok(fast.durationMs < normal.durationMs * 0.55 && slow.durationMs > normal.durationMs * 1.9);
    const michael = await speak({ text: FOX, voice: 'am_michael' });
    assert.equal(michael.samples.length, normal.samples.length);
    assert.notDeepEqual(michael.samples, normal.samples, 'another style pack, another sound');
  });

  test('long text runs chunk by chunk with progress, each with its own style row', async () => {
    const chunks = await expectedChunks(LONG);
    const seen: string[] = [];
    const made = await speak({ text: LONG }, never, (detail) => seen.push(detail));
    assert.equal(made.chunks, chunks.length);
    assert.deepEqual(
      made.parameters.styleRows,
      chunks.map((c) => c.length),
    );
    assert.deepEqual(seen, ['Reading phonemes', ...chunks.map((_, i) => `Part ${i + 1} of ${chunks.length}`)]);
    assert.equal(made.samples.length, expectedLength(chunks, 1));
  });

  test('an abort between chunks stops before the next one; the engine speaks again afterwards', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const pending = speak({ text: LONG }, controller.signal, (detail) => {
      seen.push(detail);
      if (detail.startsWith('Part 1 of')) controller.abort();
    });
    await assert.rejects(pending, { code: 'CANCELLED' });
    assert.equal(seen.length, 2, seen.join(' | '));
    assert.equal((await speak({ text: 'Still here.' })).chunks, 1);
  });

  test('a broken model, an unknown voice and empty text are typed errors, and the host lives on', async () => {
    const broken = await copyModel('broken');
    await fs.writeFile(path.join(broken, 'onnx', 'model.onnx'), 'not a model at all');
    await assert.rejects(speak({ text: FOX, modelPath: broken }), { code: 'MODEL_INVALID' });
    await assert.rejects(speak({ text: FOX, voice: 'af_nobody' }), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'NOT_FOUND');
      assert.match(error.message ?? '', /no voice "af_nobody".*af_heart/);
      return true;
    });
    await assert.rejects(speak({ text: FOX, voice: '../escape' }), { code: 'INVALID_INPUT' });
    await assert.rejects(speak({ text: '   ' }), { code: 'INVALID_INPUT' });
    assert.equal((await speak({ text: FOX })).chunks, 1);
  });

  test('a host killed mid-job fails that job with ENGINE_CRASHED, and the next call starts a new one', async () => {
    await speak({ text: FOX });
    const pid = client.pid;
    assert.ok(pid);
    // Killed as the job starts: its load goes to the dying host, which fails it.
    const pending = speak({ text: LONG }, never, (detail) => {
      if (detail === 'Reading phonemes') process.kill(pid, 'SIGKILL');
    });
    await assert.rejects(pending, { code: 'ENGINE_CRASHED' });
    const again = await speak({ text: FOX });
    assert.equal(again.samples.length, expectedLength(await expectedChunks(FOX), 1));
    assert.ok(client.pid && client.pid !== pid, 'a new host process');
  });

  test('a host that died between chunks is replaced, and the new one loads the graph the next chunk names', async () => {
    const model = await loadKokoroModel(folder);
    await client.load({ path: model.graphPath, label: 'tiny', threads: 1 });
    const pid = client.pid;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await waitFor('the host to be gone', () => client.pid === undefined);
    const { style } = await readStyleRow(path.join(folder, 'voices', 'bf_emma.bin'), 3, 'tiny');
    const audio = await client.synthesize({ path: model.graphPath, label: 'tiny', threads: 1, ids: [0, 50, 86, 54, 0], style, speed: 1 }, never);
    assert.equal(audio.length, 5 * TINY_KOKORO_SAMPLES_PER_ID);
    assert.ok(client.pid && client.pid !== pid);
  });
});
