import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { AssetSchema, JobSchema, type Job } from '../../preload/contract.js';
import { decodeWav, exportAudio, ffmpegPath, fade, mixWithDucking, normalizePeak, encodeClip } from '../../main/core/audio/index.js';
import { espeakEngine } from '../../main/engines/voice/espeak/espeak-engine.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost, runCli } from '../support/web-host.js';
import { wavFacts } from '../support/wav-facts.js';

let dir: string;

before(async () => {
  dir = await tempHome('atelier-espeak-cli-');
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function atelier(args: string[]) {
  return runCli(args, { ATELIER_HOME: path.join(dir, 'home') });
}

async function speak(name: string, text: string, extra: string[] = []) {
  const out = path.join(dir, name);
  const run = atelier(['voice', ...extra, text, '-o', out]);
  assert.equal(run.status, 0, run.stderr);
  return { run, bytes: await fs.readFile(out), out };
}

const SHORT = 'The quick brown fox jumps over the lazy dog.';
const LONG = `${SHORT} It was a bright cold day in April, and the clocks were striking thirteen. Call me Ishmael. All happy families are alike.`;

describe('atelier voice (espeak)', () => {
  test('writes a 22.05 kHz mono 16-bit WAV whose length grows with the text and shrinks with --rate 2', async () => {
    const short = await speak('short.wav', SHORT);
    assert.match(
      short.run.stdout,
      /^Wrote .*short\.wav: voice en-gb \(English \(Great Britain\)\), 175 words\/min, \d+\.\d\d s, 22\.05 kHz mono 16-bit WAV\n$/,
    );
    const facts = wavFacts(short.bytes);
    assert.equal(facts.sampleRate, 22_050);
    assert.equal(facts.bitsPerSample, 16);
    assert.equal(facts.channels, 1);
    assert.ok(facts.rms > 0.01, 'not silent');
    const long = wavFacts((await speak('long.wav', LONG)).bytes);
    assert.ok(long.length > 2 * facts.length, `long ${long.length} vs short ${facts.length}`);
    const fast = await speak('fast.wav', SHORT, ['--rate', '2']);
    assert.match(fast.run.stdout, /350 words\/min/);
    const fastLength = wavFacts(fast.bytes).length;
    assert.ok(fastLength < 0.7 * facts.length, `fast ${fastLength} vs normal ${facts.length}`);
  });

  test('--voice de speaks German with the German voice; variants change the sound', async () => {
    const text = 'Guten Morgen. Wie geht es dir heute?';
    const german = await speak('de.wav', text, ['--voice', 'de']);
    assert.match(german.run.stdout, /voice de \(German\)/);
    const english = await speak('de-as-en.wav', text);
    assert.notDeepEqual(german.bytes, english.bytes);
    const byName = await speak('german.wav', text, ['--voice', 'German']);
    assert.deepEqual(byName.bytes, german.bytes, 'a name picks the same voice as its id');
    const female = await speak('f3.wav', SHORT, ['--voice', 'en+f3']);
    assert.match(female.run.stdout, /voice en-gb\+f3/);
  });

  test('voices --json lists at least 50 languages, English and German among them', () => {
    const run = atelier(['voices', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const list = JSON.parse(run.stdout) as { voices: { id: string; name: string; languages: string[]; gender: string }[]; variants: { id: string }[] };
    const languages = new Set(list.voices.flatMap((v) => v.languages));
    assert.ok(languages.size >= 50, `${languages.size} languages`);
    assert.ok(languages.has('en') && languages.has('de'));
    assert.equal(list.voices.find((v) => v.id === 'de')?.name, 'German');
    assert.ok(list.variants.some((v) => v.id === 'f3'));
    const table = atelier(['voices']);
    assert.match(table.stdout, /^espeak-ng: \d+ voices/);
  });

  test('empty text, an unknown voice, too much text and piper are one line each, and no file', async () => {
    const out = path.join(dir, 'refused.wav');
    const huge = path.join(dir, 'huge.txt');
    await fs.writeFile(huge, 'a '.repeat(100_000));
    const cases: [string[], RegExp][] = [
      [['voice', '', '-o', out], /^atelier: INVALID_INPUT: there is no text to speak\.\n$/],
      [['voice', '   ', '-o', out], /^atelier: INVALID_INPUT: /],
      [['voice', '--voice', 'nosuchvoice', 'hello', '-o', out], /^atelier: NOT_FOUND: unknown espeak voice 'nosuchvoice'\./],
      [['voice', '--file', huge, '-o', out], /^atelier: TOO_LARGE: the text has 200,000 characters; the limit is 100,000\./],
      [
        ['voice', '--engine', 'piper', '--voice', 'nosuchvoice', 'hello', '-o', out],
        /^atelier: MODEL_NOT_FOUND: there is no installed Piper voice "nosuchvoice"\./,
      ],
    ];
    for (const [args, expected] of cases) {
      const run = atelier(args);
      assert.equal(run.status, 1, args.slice(0, 3).join(' '));
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
      await assert.rejects(fs.access(out));
    }
    const usage = atelier(['voice', '--rate', '3', 'hi', '-o', out]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^atelier: --rate must be a number from 0\.5 to 2/);
  });
});

describe('espeak engine', () => {
  test('long text is rendered chunk by chunk with rising progress; an abort stops the worker', async () => {
    const fractions: number[] = [];
    const text = Array.from({ length: 40 }, (_, i) => `This is sentence number ${i + 1} of a long narration.`).join(' ');
    const made = await espeakEngine.generate({ text, voice: 'en-us', rate: 2, pitch: 50 }, new AbortController().signal, (update) => {
      if (typeof update.fraction === 'number') fractions.push(update.fraction);
    });
    assert.equal(made.sentences, 40);
    assert.equal(made.voice.id, 'en-us');
    assert.ok(fractions.length >= 3, `progress ${fractions.join(', ')}`);
    assert.deepEqual(
      [...fractions].sort((a, b) => a - b),
      fractions,
    );
    assert.equal(fractions.at(-1), 1);

    const controller = new AbortController();
    const pending = espeakEngine.generate({ text, voice: 'en', rate: 1, pitch: 50 }, controller.signal, (update) => {
      if (update.fraction === 0) controller.abort();
    });
    await assert.rejects(pending, (error: { code?: string }) => error.code === 'CANCELLED');
  });
});

describe('audio export through ffmpeg', () => {
  test('a narration mixed over a bed exports to MP3 and OGG that ffmpeg decodes', async () => {
    const speech = decodeWav(await fs.readFile((await speak('narration.wav', SHORT)).out));
    const bed = new Float32Array(speech.samples.length + speech.sampleRate).map((_, i) => 0.2 * Math.sin((2 * Math.PI * 110 * i) / speech.sampleRate));
    const { mix } = mixWithDucking(speech.samples, bed, speech.sampleRate);
    const wav = encodeClip({ samples: fade(normalizePeak(mix, -1), speech.sampleRate, 0.05, 0.3), sampleRate: speech.sampleRate });
    const ffmpeg = await ffmpegPath();
    for (const format of ['mp3', 'ogg'] as const) {
      const out = path.join(dir, `mix.${format}`);
      await exportAudio(wav, format, out);
      assert.ok((await fs.stat(out)).size > 1000);
      const probe = spawnSync(ffmpeg, ['-hide_banner', '-i', out, '-f', 'null', '-'], { encoding: 'utf8' });
      assert.equal(probe.status, 0, probe.stderr);
      assert.match(probe.stderr, format === 'mp3' ? /Audio: mp3/ : /Audio: vorbis/);
    }
    const leftovers = (await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });

  test('an aborted export kills ffmpeg and leaves no file', async () => {
    const controller = new AbortController();
    const wav = encodeClip({ samples: new Float32Array(22_050 * 600), sampleRate: 22_050 });
    const out = path.join(dir, 'aborted.mp3');
    const exporting = exportAudio(wav, 'mp3', out, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(exporting, (error: { code?: string }) => error.code === 'CANCELLED');
    await assert.rejects(fs.access(out));
  });
});

describe('voice.generate through the web host', () => {
  let host: RunningWebHost;

  before(async () => {
    host = await startWebHostProcess();
  });

  after(async () => {
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  });

  test('lists voices and saves a spoken clip as an audio asset', async () => {
    const voices = await callApi(host, 'voice.voices');
    assert.equal(voices.status, 200, JSON.stringify(voices.error));
    assert.ok((voices.result as { voices: unknown[] }).voices.length >= 50);
    assert.equal((await callApi(host, 'voice.generate', { text: 'Hi', voice: 'en', rate: 1, pitch: 50 })).error?.code, 'NO_PROJECT_OPEN');

    await callApi(host, 'projects.create', { title: 'Voice test' });
    assert.equal((await callApi(host, 'voice.generate', { text: '  ', voice: 'en', rate: 1, pitch: 50 })).error?.code, 'INVALID_INPUT');
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['atelier', `bearer.${host.token}`]);
    const settled = new Promise<Job>((resolve) => {
      socket.on('message', (data) => {
        const { event, payload } = JSON.parse(data.toString()) as { event: string; payload: { job: Job } };
        if ((event === 'job.done' || event === 'job.failed') && payload.job.kind === 'voice.generate') resolve(JobSchema.parse(payload.job));
      });
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const ticket = await callApi(host, 'voice.generate', { text: 'Guten Tag. Das ist ein Test.', voice: 'de', rate: 1.5, pitch: 40 });
    assert.equal(ticket.status, 200, JSON.stringify(ticket.error));
    const job = await settled;
    socket.close();
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const asset = AssetSchema.parse(job.result);
    assert.equal(asset.kind, 'audio');
    assert.equal(asset.origin.engine, 'espeak');
    assert.equal(asset.origin.parameters?.voice, 'de');
    assert.equal(asset.origin.parameters?.sampleRate, 22_050);
    assert.equal(asset.origin.parameters?.pitch, 40);
    assert.equal(asset.origin.parameters?.wordsPerMinute, 263);
    const file = await fetch(`${host.origin}/files/${asset.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(file.status, 200);
    const facts = wavFacts(new Uint8Array(await file.arrayBuffer()));
    assert.equal(facts.sampleRate, 22_050);
    assert.equal(Math.round((facts.length / 22_050) * 1000), asset.origin.durationMs);
  });
});
