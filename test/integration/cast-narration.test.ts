import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Asset, InstalledModel, Job, ProjectCast, ProjectSummary, StoryboardState } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_PIPER_SAMPLES_PER_ID, TINY_PIPER_SAMPLE_RATE } from '../../models/fixtures/tiny-piper.js';
import { loadPiperConfig } from '../../main/engines/voice/piper/piper-config.js';
import { phonemesToIds, phonemizeForPiper } from '../../main/engines/voice/piper/piper-phonemes.js';
import { applyPronunciations } from '../../main/core/voice/pronunciation.js';
import { LINE_GAP_SECONDS, SPEAKER_CHANGE_GAP_SECONDS } from '../../main/core/voice/script-join.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { wavFacts } from '../support/wav-facts.js';

const never = new AbortController().signal;
const NAIVE_IPA = '/ˈnaɪ.vəl/';

let home: string;
let host: RunningWebHost | undefined;
let project: ProjectSummary;
let voiceOnnx: string;
let piperId: string;

async function api<T>(name: string, input: unknown = {}): Promise<T> {
  const reply = await callApi(host as RunningWebHost, name, input);
  assert.equal(reply.error, undefined, `${name}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

async function refused(name: string, input: unknown, code: string, message: RegExp): Promise<void> {
  const reply = await callApi(host as RunningWebHost, name, input);
  assert.equal(reply.error?.code, code, `${name} ${JSON.stringify(input)}: ${JSON.stringify(reply)}`);
  assert.ok(reply.status >= 400 && reply.status < 500, `${name}: HTTP ${reply.status}`);
  assert.match(reply.error?.message ?? '', message);
}

async function finished(jobId: string): Promise<Job> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    const job = (await api<Job[]>('jobs.list')).find((j) => j.id === jobId);
    if (job && ['done', 'failed', 'cancelled'].includes(job.state)) {
      assert.equal(job.state, 'done', `${job.title}: ${JSON.stringify(job.error)}`);
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** A finished clip job's asset and its samples as stored on disk. */
async function clipOf(ticket: { jobId: string }): Promise<{ asset: Asset; samples: Float64Array; sampleRate: number }> {
  const asset = (await finished(ticket.jobId)).result as Asset;
  const facts = wavFacts(await fs.readFile(path.join(project.path, asset.file)));
  return { asset, samples: facts.samples, sampleRate: facts.sampleRate };
}

async function narrateScene(text: string): Promise<{ asset: Asset; samples: Float64Array; sampleRate: number }> {
  const state = await api<StoryboardState>('storyboard.edit', { op: 'add', title: 'Scene', text });
  const scene = state.scenes.at(-1);
  assert.ok(scene);
  await finished((await api<{ jobId: string }>('storyboard.sceneAction', { sceneId: scene.id, action: 'narrate' })).jobId);
  const after = await api<StoryboardState>('storyboard.get');
  const assetId = after.scenes.find((s) => s.id === scene.id)?.narrationAssetId;
  const asset = (await api<Asset[]>('assets.list')).find((a) => a.id === assetId);
  assert.ok(asset, 'the scene has its narration');
  const facts = wavFacts(await fs.readFile(path.join(project.path, asset.file)));
  return { asset, samples: facts.samples, sampleRate: facts.sampleRate };
}

// Not the default narrator (espeak 'en'), which follows the active narration voice (the Piper fixture here): this one is chosen.
const narrator = { id: 'narrator', name: 'Narrator', engine: 'espeak', voice: 'en-us', rate: 1, pitch: 50 };
const fox = { id: 'fox', name: 'Fox', engine: 'piper', voice: '', rate: 1, pitch: 50 };

/** The fixture voice's samples for text: phoneme ids × 256 per sentence (one sentence here). */
async function piperSamples(text: string): Promise<number> {
  const config = await loadPiperConfig(voiceOnnx);
  const [sentence] = await phonemizeForPiper(text, 'en-us', never);
  assert.ok(sentence);
  return phonemesToIds(sentence.phonemes, config.phonemeIds).ids.length * TINY_PIPER_SAMPLES_PER_ID;
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-piper'] });
  voiceOnnx = path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx');
  home = await tempHome('atelier-cast-');
  const imported = runCli(['models', 'import', voiceOnnx, '--reference'], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  const models = JSON.parse(runCli(['models', 'list', '--json'], { ATELIER_HOME: home }).stdout) as InstalledModel[];
  piperId = models.find((m) => m.path === voiceOnnx)?.id ?? '';
  assert.ok(piperId);
  fox.voice = piperId;
  host = await startWebHostProcess({ home });
  project = await api<ProjectSummary>('projects.create', { title: 'Cast' });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

describe('a project cast through the web host', () => {
  test('a new project has one narrator; an older project without a cast gets it on open', async () => {
    const cast = await api<ProjectCast>('cast.get');
    assert.deepEqual(
      cast.characters.map((c) => [c.name, c.engine, c.voice]),
      [['Narrator', 'espeak', 'en']],
    );
    assert.deepEqual(cast.pronunciations, []);
    const older = await api<ProjectSummary>('projects.create', { title: 'Older' });
    const file = path.join(older.path, 'project.json');
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    delete data['cast'];
    await fs.writeFile(file, JSON.stringify(data));
    await api('projects.open', { id: project.id });
    await api('projects.open', { id: older.id });
    assert.equal((await api<ProjectCast>('cast.get')).characters[0]?.name, 'Narrator');
    await api('projects.open', { id: project.id });
  });

  test('bad casts are refused with typed errors and nothing is saved', async () => {
    await refused('cast.set', { characters: [] }, 'INVALID_INPUT', /at least one character/);
    await refused('cast.set', { characters: [narrator, { ...fox, name: 'narrator' }] }, 'INVALID_INPUT', /Two characters are called/);
    await refused('cast.set', { characters: [{ ...narrator, name: 'Fox: the sly' }] }, 'INVALID_INPUT', /no colon/);
    await refused('cast.set', { characters: [{ ...narrator, engine: 'gramophone' }] }, 'INVALID_INPUT', /engine/);
    await refused('cast.set', { characters: [narrator], pronunciations: [{ word: 'x', say: '/ʘ/' }] }, 'INVALID_INPUT', /"ʘ"/);
    assert.equal((await api<ProjectCast>('cast.get')).characters.length, 1);
  });

  test('a two-character script renders in line order into one clip whose captions name the speakers', async () => {
    const saved = await api<ProjectCast>('cast.set', { characters: [narrator, fox], pronunciations: [] });
    assert.deepEqual(
      saved.characters.map((c) => c.name),
      ['Narrator', 'Fox'],
    );
    const before = (await api<Asset[]>('assets.list')).length;
    const line = 'I am the fox.';
    const { asset, samples, sampleRate } = await narrateScene(`NARRATOR: Once upon a time, there was a fox.\nfox: ${line}\nNarrator: The end.`);
    assert.equal((await api<Asset[]>('assets.list')).length, before + 1, 'one clip; the lines it was made of are gone');
    const lines = asset.origin.parameters?.['lines'] as { speaker: string; text: string; startMs: number; endMs: number }[];
    assert.deepEqual(
      lines.map((l) => [l.speaker, l.text]),
      [
        ['Narrator', 'Once upon a time, there was a fox.'],
        ['Fox', line],
        ['Narrator', 'The end.'],
      ],
    );
    assert.equal(sampleRate, 22_050, 'the highest rate of the voices (espeak) for the whole clip');
    // The fox's line is the fixture voice's clip of that line (finished like any clip), resampled from 16 kHz.
    const foxLine = lines[1];
    assert.ok(foxLine);
    const alone = await clipOf(await api('cast.try', { word: line, characterId: 'fox' }));
    const expected = (alone.samples.length / alone.sampleRate) * 1000;
    assert.ok(Math.abs(foxLine.endMs - foxLine.startMs - expected) <= 1, `${foxLine.endMs - foxLine.startMs} ms vs ${expected} ms`);
    assert.equal(foxLine.startMs - (lines[0]?.endMs ?? 0), SPEAKER_CHANGE_GAP_SECONDS * 1000);
    assert.equal(Math.round((samples.length / sampleRate) * 1000), lines[2]?.endMs);
    // Line times are in whole milliseconds: stay 25 samples (over 1 ms) inside the gap.
    const gap = samples.slice(Math.round(((lines[0]?.endMs ?? 0) / 1000) * sampleRate) + 25, Math.round((foxLine.startMs / 1000) * sampleRate) - 25);
    assert.ok(gap.length > 0 && gap.every((v) => v === 0), 'silence between speakers');

    const { jobId } = await api<{ jobId: string }>('projects.export', { format: 'srt' });
    const srt = await fs.readFile(((await finished(jobId)).result as { path: string }).path, 'utf8');
    const texts = srt.split('\n\n').map((cue) => cue.split('\n').slice(2).join(' '));
    const speakers = texts.map((t) => /^(\w+):/.exec(t)?.[1]).filter(Boolean);
    assert.deepEqual(speakers, ['Narrator', 'Fox', 'Narrator'], srt);
    assert.ok(texts.some((t) => t.includes(line)));
  });

  test('an unknown speaker is refused before any job, naming the line', async () => {
    const state = await api<StoryboardState>('storyboard.edit', { op: 'add', title: 'Owl', text: 'NARRATOR: Night fell.\nOWL: Hoo.' });
    const scene = state.scenes.at(-1);
    await refused('storyboard.sceneAction', { sceneId: scene?.id, action: 'narrate' }, 'INVALID_INPUT', /Line 2 .*"OWL"/);
  });

  test('[pause N] puts exactly N seconds of silence in the clip', async () => {
    await api('cast.set', { characters: [narrator], pronunciations: [] });
    const one = await narrateScene('One.');
    const two = await narrateScene('Two.');
    const both = await narrateScene('One. [pause 1.5] Two.');
    const pause = 1.5 * both.sampleRate;
    assert.equal(both.samples.length, one.samples.length + pause + two.samples.length);
    assert.ok(both.samples.slice(one.samples.length, one.samples.length + pause).every((v) => v === 0));
    assert.equal((both.asset.origin.parameters?.['lines'] as { text: string }[])[0]?.text, 'One. Two.', 'marks stripped from the caption text');
    const lines = await narrateScene('NARRATOR: One.\nNarrator: Two.');
    assert.equal(
      lines.samples.length,
      one.samples.length + Math.round(LINE_GAP_SECONDS * lines.sampleRate) + two.samples.length,
      'a natural gap between lines',
    );
  });

  test('the dictionary changes what espeak says: a respelling and IPA as phoneme input', async () => {
    const plain = await clipOf(await api('cast.try', { word: 'Nguyen' }));
    const win = await clipOf(await api('cast.try', { word: 'win' }));
    const respelled = await clipOf(await api('cast.try', { word: 'Nguyen', say: 'win' }));
    assert.notEqual(plain.samples.length, respelled.samples.length);
    assert.deepEqual(respelled.samples, win.samples, 'the respelling is said exactly as the word it spells');
    await api('cast.set', { characters: [narrator], pronunciations: [{ word: 'naive', say: NAIVE_IPA }] });
    const naive = await clipOf(await api('cast.try', { word: 'naive' }));
    const typed = await clipOf(await api('cast.try', { word: `[[${"'naIv@l"}]]` }));
    assert.deepEqual(naive.samples, typed.samples, 'IPA reaches espeak as its [[…]] phonemes');
    await api('cast.set', { characters: [narrator], pronunciations: [] });
    const unchanged = await clipOf(await api('cast.try', { word: 'naive' }));
    assert.notEqual(unchanged.samples.length, naive.samples.length);
  });

  test('the dictionary changes the phonemes and audio of the Piper fixture voice', async () => {
    const entries = [{ word: 'Xochitl', say: '/ˈsoʊ.tʃiː/' }];
    const [plainPhonemes] = await phonemizeForPiper('Xochitl', 'en-us', never);
    const [phonemes] = await phonemizeForPiper(applyPronunciations('Xochitl', entries, { phonemeInput: true }), 'en-us', never);
    assert.equal(plainPhonemes?.phonemes.join(''), 'zˈɑːtʃɪɾəl');
    assert.equal(phonemes?.phonemes.join(''), 'sˈoʊtʃiː');
    await api('cast.set', { characters: [fox], pronunciations: entries });
    const withIpa = await clipOf(await api('cast.try', { word: 'xochitl' }));
    assert.equal(withIpa.sampleRate, TINY_PIPER_SAMPLE_RATE);
    const withRespelling = await clipOf(await api('cast.try', { word: 'Xochitl', say: 'so-chee' }));
    await api('cast.set', { characters: [fox], pronunciations: [] });
    // Each clip is what the voice says for the phonemes or the respelling typed in directly.
    const typedIpa = await clipOf(await api('cast.try', { word: "[['soUtSi:]]" }));
    assert.deepEqual(withIpa.samples, typedIpa.samples, 'IPA reaches the Piper voice as phonemes');
    const typedRespelling = await clipOf(await api('cast.try', { word: 'so-chee' }));
    assert.deepEqual(withRespelling.samples, typedRespelling.samples, 'the respelling is said as typed');
    const plain = await clipOf(await api('cast.try', { word: 'Xochitl' }));
    assert.notDeepEqual(plain.samples, withIpa.samples);
    assert.notDeepEqual(plain.samples, withRespelling.samples);
    // The raw voice (no finish) speaks phoneme ids × 256 samples: the dictionary's phonemes give a different count.
    assert.notEqual(await piperSamples("[['soUtSi:]]"), await piperSamples('Xochitl'));
  });
});
