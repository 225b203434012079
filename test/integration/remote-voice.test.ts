import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import wavefile from 'wavefile';
import type { Asset, Job } from '../../preload/contract.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { ok, settled } from '../support/api-calls.js';
import { waitFor } from '../support/wait-for.js';
import { dbfs, wavFacts } from '../support/wav-facts.js';

// A narrates through B (a second Atelier, built-in espeak) as its remote engine; C is stopped before
// it is used; `slow` accepts the request and never answers, to check that Stop ends the HTTP request.
let a: RunningWebHost;
let b: RunningWebHost;
let slow: http.Server;
let mp3Only: http.Server;
let loud: http.Server;
const slowRequests: { closed: Promise<void> }[] = [];

before(async () => {
  b = await startWebHostProcess();
  const c = await startWebHostProcess();
  const homeA = await tempHome('atelier-remote-voice-a-');
  // c is stopped even when adding it fails: a host left running keeps the test process alive forever.
  try {
    const addB = runCli(['remotes', 'add', 'b', `${b.origin}/v1`, '--key', b.token], { ATELIER_HOME: homeA });
    assert.equal(addB.status, 0, addB.stderr);
    const addC = runCli(['remotes', 'add', 'c', `${c.origin}/v1`, '--key', c.token], { ATELIER_HOME: homeA });
    assert.equal(addC.status, 0, addC.stderr);
  } finally {
    await c.stop();
    await fs.rm(c.home, { recursive: true, force: true });
  }
  slow = http.createServer((request) => {
    slowRequests.push({ closed: new Promise((resolve) => request.socket.once('close', () => resolve())) });
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/v1`;
  assert.equal(runCli(['remotes', 'add', 'slow', slowUrl], { ATELIER_HOME: homeA }).status, 0);
  // A server that answers speech with MP3 whatever format is asked for.
  mp3Only = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'Content-Type': 'audio/mpeg' }).end(Buffer.from('ID3\u0004\0\0\0\0\0\0 not really mp3'));
  });
  await new Promise<void>((resolve) => mp3Only.listen(0, '127.0.0.1', resolve));
  const mp3Url = `http://127.0.0.1:${(mp3Only.address() as AddressInfo).port}/v1`;
  assert.equal(runCli(['remotes', 'add', 'mp3', mp3Url], { ATELIER_HOME: homeA }).status, 0);
  // A server whose speech is stereo, driven into the rails, with a second of silence at each end.
  loud = http.createServer((request, response) => {
    request.resume();
    const rate = 16_000;
    const frames = new Int16Array(rate * 3 * 2);
    for (let i = rate; i < 2 * rate; i++) {
      const v = Math.max(-32768, Math.min(32767, Math.round(Math.cos((2 * Math.PI * 300 * i) / rate) * 50_000)));
      frames[2 * i] = v;
      frames[2 * i + 1] = v;
    }
    const file = new wavefile.WaveFile();
    file.fromScratch(2, rate, '16', frames);
    response.writeHead(200, { 'Content-Type': 'audio/wav' }).end(Buffer.from(file.toBuffer()));
  });
  await new Promise<void>((resolve) => loud.listen(0, '127.0.0.1', resolve));
  const loudUrl = `http://127.0.0.1:${(loud.address() as AddressInfo).port}/v1`;
  assert.equal(runCli(['remotes', 'add', 'loud', loudUrl], { ATELIER_HOME: homeA }).status, 0);
  a = await startWebHostProcess({ home: homeA });
  assert.equal((await callApi(a, 'projects.create', { title: 'Lighthouse Tales' })).status, 200);
});

after(async () => {
  slow?.closeAllConnections();
  slow?.close();
  mp3Only?.close();
  loud?.close();
  for (const host of [a, b]) {
    await host?.stop();
    if (host) await fs.rm(host.home, { recursive: true, force: true });
  }
});

describe('voice.generate with a remote speech model', () => {
  test('narration through B’s espeak lands in A’s project as a WAV with the remote’s origin', async () => {
    const speechJobsOnB = (await ok<Job[]>(b, 'jobs.list')).length;
    const text = 'The lamp turned all night over the black water.';
    const { jobId } = await ok<{ jobId: string }>(a, 'voice.generate', { text, engine: 'remote', voice: 'remote:b/espeak', remoteVoice: 'en-gb', rate: 1.5 });
    const job = await settled(a, jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.equal(job.queue, 'remote:b/espeak');
    const made = job.result as Asset | undefined;
    assert.ok(made);
    assert.equal(made.kind, 'audio');
    assert.deepEqual([made.origin.engine, made.origin.model, made.origin.prompt], ['remote', 'remote:b/espeak', text]);
    assert.deepEqual(
      [made.origin.parameters?.remote, made.origin.parameters?.remoteModel, made.origin.parameters?.voice, made.origin.parameters?.speed],
      ['b', 'espeak', 'en-gb', 1.5],
    );
    const file = await fetch(`${a.origin}/files/${made.id}`, { headers: { Authorization: `Bearer ${a.token}` } });
    const wav = new wavefile.WaveFile(new Uint8Array(await file.arrayBuffer()));
    const fmt = wav.fmt as { numChannels: number; sampleRate: number; byteRate: number };
    const seconds = (wav.data as { chunkSize: number }).chunkSize / fmt.byteRate;
    assert.ok(seconds > 1 && seconds < 10, `about 2 s of speech, got ${seconds}`);
    assert.equal(Math.round(made.origin.durationMs ?? 0), Math.round(seconds * 1000));
    assert.ok((await ok<Job[]>(b, 'jobs.list')).length > speechJobsOnB, 'B spoke it');

    // Without a remote voice the OpenAI default travels, which B reads as its default English voice.
    const plain = await settled(a, (await ok<{ jobId: string }>(a, 'voice.generate', { text: 'Hello.', engine: 'remote', voice: 'remote:b/espeak' })).jobId);
    assert.equal(plain.state, 'done', JSON.stringify(plain.error));
    assert.equal((plain.result as Asset | undefined)?.origin.parameters?.voice, 'alloy');
  });

  test('a remote’s clip is finished like a local one: mono, peak at -1 dBFS, 0.1 s of silence at each end', async () => {
    const job = await settled(
      a,
      (await ok<{ jobId: string }>(a, 'voice.generate', { text: 'Loud and late.', engine: 'remote', voice: 'remote:loud/tts-1' })).jobId,
    );
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const made = job.result as Asset;
    const file = await fetch(`${a.origin}/files/${made.id}`, { headers: { Authorization: `Bearer ${a.token}` } });
    const facts = wavFacts(new Uint8Array(await file.arrayBuffer()));
    assert.deepEqual([facts.channels, facts.sampleRate], [1, 16_000]);
    assert.equal(facts.atFullScale, 0, 'no sample on the rails');
    assert.ok(Math.abs(dbfs(facts.peak) + 1) < 0.05, `peak at -1 dBFS, got ${dbfs(facts.peak)}`);
    // The remote sent 3 s (1 s of tone between 1 s silences); the clip is the tone and two 0.1 s pads.
    assert.equal(facts.length, 16_000 * 1.2);
    const firstLoud = facts.samples.findIndex((v) => Math.abs(v) > 100);
    assert.equal(firstLoud, 1600, 'the tone starts after exactly 0.1 s');
    assert.equal(made.origin.durationMs, 1200);
    assert.equal(made.origin.parameters?.remoteDurationMs, 3000);
    assert.ok(typeof (made.origin.parameters?.finish as { peakBeforeDbfs?: number } | undefined)?.peakBeforeDbfs === 'number');
  });

  test('an unknown remote, a malformed id or too long a voice answer the call', async () => {
    const unknown = await callApi(a, 'voice.generate', { text: 'x', engine: 'remote', voice: 'remote:nowhere/tts' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.error?.code, 'MODEL_NOT_FOUND');
    assert.match(unknown.error?.message ?? '', /no remote engine named "nowhere"/);
    const malformed = await callApi(a, 'voice.generate', { text: 'x', engine: 'remote', voice: 'en' });
    assert.equal(malformed.error?.code, 'INVALID_INPUT');
    const long = await callApi(a, 'voice.generate', { text: 'x', engine: 'remote', voice: 'remote:b/espeak', remoteVoice: 'v'.repeat(65) });
    assert.equal(long.status, 400);
  });

  test('a remote that was stopped fails the job quickly with REMOTE_UNREACHABLE and leaves no asset', async () => {
    const before = (await ok<Asset[]>(a, 'assets.list')).length;
    const job = await settled(
      a,
      (await ok<{ jobId: string }>(a, 'voice.generate', { text: 'Anyone there?', engine: 'remote', voice: 'remote:c/espeak' })).jobId,
    );
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.code, 'REMOTE_UNREACHABLE');
    // Quickly means on the refusal itself, not after the connect timeout ran out (no clock: it varies with load).
    assert.match(job.error?.message ?? '', /refused the connection/);
    assert.equal((await ok<Asset[]>(a, 'assets.list')).length, before, 'no asset from a failed job');
  });

  test('a remote that sends something other than WAV is refused in words, with no asset', async () => {
    const before = (await ok<Asset[]>(a, 'assets.list')).length;
    const job = await settled(
      a,
      (await ok<{ jobId: string }>(a, 'voice.generate', { text: 'In MP3, please.', engine: 'remote', voice: 'remote:mp3/tts-1' })).jobId,
    );
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.code, 'REMOTE_FAILED');
    assert.match(job.error?.message ?? '', /"mp3" sent audio that is not a WAV file/);
    assert.equal((await ok<Asset[]>(a, 'assets.list')).length, before);
  });

  test('Stop on a remote that never answers ends the job and closes the HTTP request', async () => {
    const before = (await ok<Asset[]>(a, 'assets.list')).length;
    const { jobId } = await ok<{ jobId: string }>(a, 'voice.generate', { text: 'Slowly now.', engine: 'remote', voice: 'remote:slow/tts-1' });
    await waitFor('the request to reach the slow server', () => slowRequests.length > 0);
    assert.equal(slowRequests.length, 1, 'the request reached the slow server');
    await ok<Job>(a, 'jobs.cancel', { id: jobId });
    const job = await settled(a, jobId);
    assert.equal(job.state, 'cancelled');
    await slowRequests[0]?.closed;
    assert.equal((await ok<Asset[]>(a, 'assets.list')).length, before);
  });
});
