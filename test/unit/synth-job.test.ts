import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AssetSchema, type Asset, type Job } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { wavFacts } from '../support/wav-facts.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let home: string | undefined;
let studio: Studio;

before(async () => {
  home = await makeTemp('atelier-synth-');
  studio = await createStudio({ host: 'cli', home });
});

after(async () => {
  await studio?.dispose();
  await removeTemp(home);
});

async function generate(input: unknown): Promise<Job> {
  const { jobId } = (await studio.call('sound.generate', input)) as { jobId: string };
  return studio.jobs.settled(jobId);
}

describe('sound.generate', () => {
  test('needs an open project, and says so before any job starts', async () => {
    await assert.rejects(studio.call('sound.generate', { kind: 'sfx', preset: 'coin', seed: 0 }), { code: 'NO_PROJECT_OPEN' });
    assert.deepEqual(studio.jobs.list(), []);
  });

  test('refuses input outside the contract', async () => {
    await assert.rejects(studio.call('sound.generate', { kind: 'sfx', preset: 'boom', seed: 0 }), { code: 'INVALID_INPUT' });
  });

  test('the synth is listed among the engines, available', async () => {
    const info = (await studio.call('app.info', {})) as { engines: { id: string; modality: string; available: boolean }[] };
    assert.deepEqual(
      info.engines.find((engine) => engine.id === 'synth'),
      { id: 'synth', modality: 'sound', name: 'Sound synthesizer', available: true },
    );
  });

  test('renders on the synth queue and saves an audio asset with its origin', async () => {
    const project = (await studio.call('projects.create', { title: 'Arcade' })) as { id: string; path: string };
    const job = await generate({ kind: 'sfx', preset: 'coin', seed: 42 });
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.equal(job.queue, 'synth');
    assert.equal(job.kind, 'sound.generate');
    assert.equal(job.title, 'Synthesize Coin (seed 42)');
    const asset: Asset = AssetSchema.parse(job.result);
    assert.equal(asset.kind, 'audio');
    assert.equal(asset.mime, 'audio/wav');
    // A readable name; the seed is in the origin.
    assert.equal(asset.name, 'coin.wav');
    assert.match(asset.file, /^assets\/[\w-]+-coin\.wav$/);
    assert.equal(asset.origin.engine, 'synth');
    assert.equal(asset.origin.seed, 42);
    assert.equal(asset.origin.parameters?.preset, 'coin');
    assert.ok((asset.origin.durationMs ?? 0) > 100);

    const bytes = await fs.readFile(path.join(project.path, asset.file));
    assert.equal(bytes.length, asset.size);
    const facts = wavFacts(bytes);
    assert.equal(Math.round((facts.length / facts.sampleRate) * 1000), asset.origin.durationMs);

    const listed = (await studio.call('assets.list', {})) as Asset[];
    assert.deepEqual(
      listed.map((a) => a.id),
      [asset.id],
    );
    const saved = (await readProjectStrictly(project.path)) as { assets: Record<string, Asset> };
    assert.deepEqual(saved.assets[asset.id], asset, 'recorded in project.json');
  });

  test('a cancelled render leaves no file and no asset behind', async () => {
    const before = (await studio.call('assets.list', {})) as Asset[];
    const { jobId } = (await studio.call('sound.generate', { kind: 'ambience', preset: 'rain', seconds: 600, seed: 1 })) as { jobId: string };
    const started = new Promise<void>((resolve) => {
      const stop = studio.events.subscribe((name, payload) => {
        const job = name === 'job.progress' ? (payload as { job: Job }).job : null;
        if (job?.id === jobId && (job.progress ?? 0) > 0) {
          stop();
          resolve();
        }
      });
    });
    await started;
    studio.jobs.cancel(jobId);
    const job = await studio.jobs.settled(jobId);
    assert.equal(job.state, 'cancelled');
    const after = (await studio.call('assets.list', {})) as Asset[];
    assert.equal(after.length, before.length);
    const { dir } = studio.projects.requireOpen();
    const files = await fs.readdir(path.join(dir, 'assets'));
    assert.equal(files.filter((name) => name.includes('rain')).length, 0, 'no rain file was written');
  });
});
