import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ImageJobResultSchema, type Asset } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { ok, settled } from '../support/api-calls.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let host: RunningWebHost;

before(async () => {
  const home = await tempHome('atelier-outpaint-studio-');
  const inpaint = (await ensureFixtures({ only: ['tiny-diffusion-inpaint'] }))['tiny-diffusion-inpaint'] as string;
  const imported = runCli(['models', 'import', inpaint], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  if (host) await fs.rm(host.home, { recursive: true, force: true });
});

async function rgb(id: string) {
  const file = await fetch(`${host.origin}/files/${id}`, { headers: { Authorization: `Bearer ${host.token}` } });
  return sharp(Buffer.from(await file.arrayBuffer()))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

async function made(ticket: { jobId: string }): Promise<Asset> {
  const job = await settled(host, ticket.jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const [asset] = ImageJobResultSchema.parse(job.result).assets;
  assert.ok(asset);
  return asset;
}

describe('image.outpaint (the Image tab’s Extend…)', () => {
  test('16:9 → 9:16 through the diffusion queue: a new asset named -extended, its source recorded, the original in place', { timeout: 300_000 }, async () => {
    await ok(host, 'projects.create', { title: 'Extend' });
    const source = await made(await ok(host, 'image.generate', { template: 'pattern', prompt: 'tiles', width: 160, height: 90, seed: 11 }));
    const ticket = await ok<{ jobId: string }>(host, 'image.outpaint', { assetId: source.id, target: { aspect: { width: 9, height: 16 } }, seed: 5, steps: 2 });
    const job = await settled(host, ticket.jobId);
    assert.equal(job.kind, 'image.outpaint');
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const [extended] = ImageJobResultSchema.parse(job.result).assets;
    assert.ok(extended);
    assert.equal(extended.name, `${source.name.replace(/\.png$/, '')}-extended.png`);
    assert.deepEqual([extended.width, extended.height], [160, 284]);
    const parameters = extended.origin.parameters as Record<string, unknown>;
    assert.equal(parameters.sourceAssetId, source.id);
    assert.equal(parameters.operation, 'outpaint');
    assert.equal(parameters.anchor, 'center');
    assert.deepEqual(parameters.placed, { left: 0, top: 97, width: 160, height: 90 });
    assert.equal(extended.origin.prompt, 'tiles', 'a blank prompt continues the picture with its own');

    // Away from the seam (4 px into the picture at its top and bottom edges) every pixel is the original's.
    const [out, original] = [await rgb(extended.id), await rgb(source.id)];
    assert.deepEqual([out.info.width, out.info.height], [160, 284]);
    let differ = 0;
    for (let y = 4; y < 90 - 4; y += 1) {
      for (let i = 0; i < 160 * 3; i += 1) if (out.data[(y + 97) * 160 * 3 + i] !== original.data[y * 160 * 3 + i]) differ += 1;
    }
    assert.equal(differ, 0);
    // The source is still there, unchanged.
    const listed = await ok<Asset[]>(host, 'assets.list');
    assert.ok(listed.some((a) => a.id === source.id && a.width === 160 && a.height === 90));
  });

  test('an exact size with the picture at the bottom; bad targets are typed errors before any job starts', { timeout: 300_000 }, async () => {
    const source = await made(await ok(host, 'image.generate', { template: 'pattern', prompt: 'tiles', width: 128, height: 96, seed: 3 }));
    const extended = await made(
      await ok(host, 'image.outpaint', { assetId: source.id, target: { width: 128, height: 160 }, anchor: 'bottom', prompt: 'sky', seed: 1, steps: 2 }),
    );
    assert.deepEqual([extended.width, extended.height], [128, 160]);
    assert.deepEqual((extended.origin.parameters as Record<string, unknown>).placed, { left: 0, top: 64, width: 128, height: 96 });

    const jobsBefore = (await ok<unknown[]>(host, 'jobs.list')).length;
    const same = await callApi(host, 'image.outpaint', { assetId: source.id, target: { width: 128, height: 96 } });
    assert.equal(same.status, 400);
    assert.equal(same.error?.code, 'INVALID_INPUT');
    assert.match(String(same.error?.message), /nothing to extend/);
    const huge = await callApi(host, 'image.outpaint', { assetId: source.id, target: { aspect: { width: 100, height: 1 } } });
    assert.equal(huge.error?.code, 'INVALID_INPUT');
    assert.match(String(huge.error?.message), /largest is 4096/);
    const badAnchor = await callApi(host, 'image.outpaint', { assetId: source.id, target: { aspect: { width: 9, height: 16 } }, anchor: 'middle' });
    assert.equal(badAnchor.error?.code, 'INVALID_INPUT');
    const missing = await callApi(host, 'image.outpaint', { assetId: 'no-such-asset', target: { aspect: { width: 9, height: 16 } } });
    assert.equal(missing.error?.code, 'NOT_FOUND');
    assert.equal((await ok<unknown[]>(host, 'jobs.list')).length, jobsBefore, 'no job started for a bad call');
  });

  test('without an image model the call says to get one in the Models tab', { timeout: 120_000 }, async () => {
    const bare = await startWebHostProcess({ home: await tempHome('atelier-outpaint-bare-') });
    try {
      await ok(bare, 'projects.create', { title: 'Bare' });
      const source = await ok<{ jobId: string }>(bare, 'image.generate', { template: 'pattern', prompt: 'x', width: 96, height: 64, seed: 2 });
      const job = await settled(bare, source.jobId);
      const [asset] = ImageJobResultSchema.parse(job.result).assets;
      const answer = await callApi(bare, 'image.outpaint', { assetId: asset?.id, target: { aspect: { width: 9, height: 16 } } });
      assert.equal(answer.error?.code, 'MODEL_NOT_FOUND');
      assert.match(String(answer.error?.message), /Models tab/);
    } finally {
      await bare.stop();
      await fs.rm(bare.home, { recursive: true, force: true });
    }
  });
});
