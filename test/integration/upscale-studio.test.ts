import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import WebSocket from 'ws';
import { ImageJobResultSchema, JobSchema, type Job } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { readTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let host: RunningWebHost;

before(async () => {
  const home = await tempHome('atelier-upscale-studio-');
  const x4 = (await ensureFixtures({ only: ['tiny-upscaler-x4'] }))['tiny-upscaler-x4'] as string;
  const imported = runCli(['models', 'import', x4], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host.stop();
  await fs.rm(host.home, { recursive: true, force: true });
});

/** Waits for a job to settle through the events socket, as the studio does. */
async function settle(jobId: string): Promise<Job> {
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['atelier', `bearer.${host.token}`]);
  try {
    return await new Promise<Job>((resolve, reject) => {
      socket.on('message', (data) => {
        const { event, payload } = JSON.parse(data.toString()) as { event: string; payload: { job: Job } };
        if ((event === 'job.done' || event === 'job.failed') && payload.job.id === jobId) resolve(JobSchema.parse(payload.job));
      });
      socket.once('open', () => {
        // The job may have settled before the socket opened: ask for it once connected.
        void callApi(host, 'jobs.list').then((answer) => {
          const job = (answer.result as unknown[]).map((j) => JobSchema.parse(j)).find((j) => j.id === jobId);
          if (job && (job.state === 'done' || job.state === 'failed')) resolve(job);
        });
      });
      socket.once('error', reject);
    });
  } finally {
    socket.close();
  }
}

describe('the Image tab’s Upscale with a model (image.edit)', () => {
  test('an installed upscaler makes a ×4 asset that keeps the settings; Lanczos still works; an unknown model is refused', async () => {
    const models = (await callApi(host, 'models.list')).result as { id: string; modality: string; active: boolean }[];
    assert.deepEqual(
      models.map((m) => [m.id, m.modality, m.active]),
      [['tiny-upscaler-x4', 'upscaler', true]],
    );
    await callApi(host, 'projects.create', { title: 'Upscale test' });
    const made = await callApi(host, 'image.generate', { template: 'title-card', prompt: 'dusk', text: 'Big', width: 160, height: 90, seed: 2781095065 });
    const source = ImageJobResultSchema.parse((await settle((made.result as { jobId: string }).jobId)).result).assets[0];
    assert.ok(source);
    // Named for what it shows; the seed lives in the asset record and the PNG's own metadata.
    assert.equal(source.name, 'big.png');
    assert.match(source.file, /^assets\/[\w-]+-big\.png$/);
    assert.equal(source.origin.seed, 2781095065);

    const ticket = await callApi(host, 'image.edit', { assetId: source.id, ops: [{ op: 'upscale', factor: 4, model: 'tiny-upscaler-x4' }] });
    assert.equal(ticket.status, 200, JSON.stringify(ticket.error));
    const job = await settle((ticket.result as { jobId: string }).jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const [big] = ImageJobResultSchema.parse(job.result).assets;
    assert.deepEqual([big?.width, big?.height], [640, 360]);
    assert.equal(big?.name, 'big-edited.png');
    const file = await fetch(`${host.origin}/files/${big?.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    assert.deepEqual([(await sharp(bytes).metadata()).width], [640]);
    assert.ok(readTextChunks(bytes).some((c) => c.keyword === 'parameters' && c.text.includes('Seed: 2781095065')));

    const lanczos = await callApi(host, 'image.edit', { assetId: source.id, ops: [{ op: 'upscale', factor: 2 }] });
    const second = await settle((lanczos.result as { jobId: string }).jobId);
    assert.equal(second.state, 'done');
    assert.equal(ImageJobResultSchema.parse(second.result).assets[0]?.name, 'big-edited-2.png', 'a name already taken gets a short suffix');

    const unknown = await callApi(host, 'image.edit', { assetId: source.id, ops: [{ op: 'upscale', factor: 4, model: 'nope' }] });
    assert.equal(unknown.error?.code, 'MODEL_NOT_FOUND');
    const fractional = await callApi(host, 'image.edit', { assetId: source.id, ops: [{ op: 'upscale', factor: 2.5, model: 'tiny-upscaler-x4' }] });
    assert.equal(fractional.error?.code, 'INVALID_INPUT');
  });
});
