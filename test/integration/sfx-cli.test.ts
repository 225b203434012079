import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { AssetSchema, JobSchema, type Job } from '../../preload/contract.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost, runCli } from '../support/web-host.js';
import { dbfs, wavFacts } from '../support/wav-facts.js';

let dir: string;

before(async () => {
  dir = await tempHome('atelier-sfx-cli-');
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function atelier(args: string[]) {
  // Its own ATELIER_HOME: sfx needs no data folder, and must not touch the user's.
  return runCli(args, { ATELIER_HOME: path.join(dir, 'home') });
}

describe('atelier sfx', () => {
  test('writes a valid WAV, byte-identical across two runs', async () => {
    const first = path.join(dir, 'coin-a.wav');
    const second = path.join(dir, 'coin-b.wav');
    const run = atelier(['sfx', 'coin', '--seed', '42', '-o', first]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*coin-a\.wav: Coin \(seed 42\), 0\.\d\d s, 44\.1 kHz mono 16-bit WAV\n$/);
    assert.equal(atelier(['sfx', 'coin', '--seed', '42', '-o', second]).status, 0);
    const [a, b] = await Promise.all([fs.readFile(first), fs.readFile(second)]);
    assert.deepEqual(a, b);
    const facts = wavFacts(a);
    assert.equal(facts.sampleRate, 44_100);
    assert.equal(facts.bitsPerSample, 16);
    assert.equal(facts.channels, 1);
    assert.ok(facts.length > 0.1 * 44_100);
    assert.ok(Math.abs(dbfs(facts.peak) + 1) < 0.1);
    const leftovers = (await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no temp files left behind');
  });

  test('--seconds sets the length of ambience; loop takes tempo, key, scale and bars', async () => {
    const rain = path.join(dir, 'rain.wav');
    assert.equal(atelier(['sfx', 'rain', '--seconds', '2', '--seed', '3', '-o', rain]).status, 0);
    assert.equal(wavFacts(await fs.readFile(rain)).length, 2 * 44_100);
    const loop = path.join(dir, 'loop.wav');
    const run = atelier(['sfx', 'loop', '--tempo', '96', '--key', 'D#', '--scale', 'minor', '--bars', '2', '-o', loop]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Loop in Eb minor, 96 BPM/);
    assert.equal(wavFacts(await fs.readFile(loop)).length, Math.round(((2 * 4 * 60) / 96) * 44_100));
  });

  test('an unknown preset is one line listing the presets, exit 2, and no file', async () => {
    const out = path.join(dir, 'boom.wav');
    const run = atelier(['sfx', 'boom', '-o', out]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "atelier: unknown preset 'boom'. Presets: coin, jump, laser, explosion, powerup, hit, blip, click, rain, wind, drone, loop.\n");
    await assert.rejects(fs.access(out));
  });

  test('bad options are usage errors without a stack trace', () => {
    for (const args of [
      ['sfx', 'coin'],
      ['sfx', 'coin', '--seconds', '3', '-o', 'x.wav'],
      ['sfx', 'rain', '--seconds', '601', '-o', 'x.wav'],
      ['sfx', 'loop', '--tempo', 'fast', '-o', 'x.wav'],
      ['sfx', 'coin', '--seed', '1.5', '-o', 'x.wav'],
      ['sfx', 'coin', '--colour', 'red', '-o', 'x.wav'],
    ]) {
      const run = atelier(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^atelier: /);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
    const missingFolder = atelier(['sfx', 'coin', '-o', path.join(dir, 'no', 'such', 'folder', 'x.wav')]);
    assert.equal(missingFolder.status, 1);
    assert.match(missingFolder.stderr, /^atelier: IO_ERROR: cannot write .*its folder does not exist\.\n$/);
  });
});

describe('sound.generate through the web host', () => {
  let host: RunningWebHost;

  before(async () => {
    host = await startWebHostProcess();
  });

  after(async () => {
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  });

  /** Opens the event stream; `settled(id)` resolves at the job.done or job.failed that names the job. */
  async function openJobEvents(): Promise<{ settled(jobId: string): Promise<Job>; close(): void }> {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['atelier', `bearer.${host.token}`]);
    const finished = new Map<string, Job>();
    const waiters = new Map<string, (job: Job) => void>();
    socket.on('message', (data) => {
      const { event, payload } = JSON.parse(data.toString()) as { event: string; payload: { job: Job } };
      if (event !== 'job.done' && event !== 'job.failed') return;
      const job = JobSchema.parse(payload.job);
      finished.set(job.id, job);
      waiters.get(job.id)?.(job);
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return {
      settled: (jobId) => {
        const done = finished.get(jobId);
        return done ? Promise.resolve(done) : new Promise((resolve) => waiters.set(jobId, resolve));
      },
      close: () => socket.close(),
    };
  }

  test('without a project it answers NO_PROJECT_OPEN', async () => {
    const reply = await callApi(host, 'sound.generate', { kind: 'sfx', preset: 'laser', seed: 1 });
    assert.equal(reply.error?.code, 'NO_PROJECT_OPEN');
  });

  test('saves an audio asset that the file route serves', async () => {
    await callApi(host, 'projects.create', { title: 'Synth test' });
    // Listening before the call, so the job's end cannot be missed.
    const events = await openJobEvents();
    const ticket = await callApi(host, 'sound.generate', { kind: 'loop', tempo: 120, key: 'G', scale: 'pentatonic', bars: 1, seed: 9 });
    assert.equal(ticket.status, 200, JSON.stringify(ticket.error));
    const job = await events.settled((ticket.result as { jobId: string }).jobId);
    events.close();
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const asset = AssetSchema.parse(job.result);
    assert.equal(asset.kind, 'audio');
    assert.equal(asset.origin.engine, 'synth');
    assert.equal(asset.origin.seed, 9);
    assert.equal(asset.origin.durationMs, 2000);

    const file = await fetch(`${host.origin}/files/${asset.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-type') ?? '', /^audio\/(wav|x-wav|wave)/);
    const facts = wavFacts(new Uint8Array(await file.arrayBuffer()));
    assert.equal(facts.length, 2 * 44_100);
    const listed = (await callApi(host, 'assets.list')).result as { id: string }[];
    assert.deepEqual(
      listed.map((a) => a.id),
      [asset.id],
    );
  });
});
