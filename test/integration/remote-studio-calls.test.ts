import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Asset, Job, RemoteModels } from '../../preload/contract.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { ok, settled } from '../support/api-calls.js';

// A uses B (a second Atelier, built-in engines only) as its remote engine, through the studio's own calls.
let a: RunningWebHost;
let b: RunningWebHost;

before(async () => {
  b = await startWebHostProcess();
  const homeA = await tempHome('atelier-remote-calls-a-');
  const added = runCli(['remotes', 'add', 'b', `${b.origin}/v1`, '--key', b.token], { ATELIER_HOME: homeA });
  assert.equal(added.status, 0, added.stderr);
  assert.equal(runCli(['remotes', 'add', 'gone', 'http://127.0.0.1:9'], { ATELIER_HOME: homeA }).status, 0);
  a = await startWebHostProcess({ home: homeA });
  assert.equal((await callApi(a, 'projects.create', { title: 'Harbour Night' })).status, 200);
});

after(async () => {
  for (const host of [a, b]) {
    await host?.stop();
    if (host) await fs.rm(host.home, { recursive: true, force: true });
  }
});

describe('remote engines in the studio’s calls', () => {
  test('remotes.models lists every remote’s models with what they make; a remote that is down is listed apart', async () => {
    const listing = await ok<RemoteModels>(a, 'remotes.models');
    const byId = Object.fromEntries(listing.models.map((m) => [m.id, m.modality]));
    assert.deepEqual(byId, { 'remote:b/procedural': 'image', 'remote:b/espeak': 'voice', 'remote:b/synth': 'sound' });
    assert.deepEqual(
      listing.unreachable.map((u) => [u.remote, u.error.code]),
      [['gone', 'REMOTE_UNREACHABLE']],
    );
    const refreshed = await ok<RemoteModels>(a, 'remotes.models', { refresh: true });
    assert.equal(refreshed.models.length, 3);
    assert.equal((await callApi(a, 'remotes.models', { refresh: 'yes' })).status, 400, 'the input is checked against the contract');
  });

  test('image.generate with a remote model draws on B and saves the picture in A’s project', async () => {
    const imageJobsOnB = (await ok<Job[]>(b, 'jobs.list')).filter((j) => j.kind === 'api.image').length;
    const { jobId } = await ok<{ jobId: string }>(a, 'image.generate', {
      engine: 'diffusion',
      model: 'remote:b/procedural',
      prompt: 'stormy harbour',
      width: 200,
      height: 120,
      seed: 9,
    });
    const job = await settled(a, jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.equal(job.queue, 'remote:b/procedural');
    const [made] = (job.result as { assets: Asset[] }).assets;
    assert.ok(made);
    assert.equal(made.kind, 'image');
    assert.deepEqual([made.origin.engine, made.origin.model, made.origin.seed, made.origin.prompt], ['remote', 'remote:b/procedural', 9, 'stormy harbour']);
    const file = await fetch(`${a.origin}/files/${made.id}`, { headers: { Authorization: `Bearer ${a.token}` } });
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 200, 120]);
    assert.ok((await ok<Job[]>(b, 'jobs.list')).filter((j) => j.kind === 'api.image').length > imageJobsOnB, 'B drew it');
  });

  test('an unknown remote, a starting picture, or a remote that is down: a typed error, never a hang', async () => {
    const unknown = await callApi(a, 'image.generate', { engine: 'diffusion', model: 'remote:nowhere/x', prompt: 'x', width: 64, height: 64 });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.error?.code, 'MODEL_NOT_FOUND');
    assert.match(unknown.error?.message ?? '', /no remote engine named "nowhere"/);

    const picture = (await ok<Asset[]>(a, 'assets.list')).find((asset) => asset.kind === 'image');
    assert.ok(picture);
    const started = await callApi(a, 'image.generate', {
      engine: 'diffusion',
      model: 'remote:b/procedural',
      prompt: 'x',
      width: 64,
      height: 64,
      initAssetId: picture.id,
    });
    assert.equal(started.error?.code, 'INVALID_INPUT');
    assert.match(started.error?.message ?? '', /cannot start from a picture/);

    const before = (await ok<Asset[]>(a, 'assets.list')).length;
    const { jobId } = await ok<{ jobId: string }>(a, 'image.generate', { engine: 'diffusion', model: 'remote:gone/sd', prompt: 'x', width: 64, height: 64 });
    const job = await settled(a, jobId);
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.code, 'REMOTE_UNREACHABLE');
    assert.equal((await ok<Asset[]>(a, 'assets.list')).length, before, 'no asset from a failed job');
  });
});
