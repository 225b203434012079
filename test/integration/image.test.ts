import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import WebSocket from 'ws';
import { AssetSchema, ImageJobResultSchema, ImageSettingsSchema, JobSchema, type Job } from '../../preload/contract.js';
import { readTextChunks, withTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let dir: string;

before(async () => {
  dir = await tempHome('atelier-image-cli-');
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const atelier = (args: string[]) => runCli(args, { ATELIER_HOME: path.join(dir, 'home') });

describe('atelier image', () => {
  test('writes a PNG whose text chunks hold the prompt and seed, byte-identical across runs', async () => {
    const first = path.join(dir, 'card-a.png');
    const second = path.join(dir, 'card-b.png');
    const args = ['image', '--template', 'title-card', '--seed', '42', '--size', '640x360', '--text', 'Harbour Nights', 'midnight harbour, warm lights'];
    const run = atelier([...args, '-o', first]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*card-a\.png: 640×360, seed 42, \d+ ms\n$/);
    assert.equal(atelier([...args, '-o', second]).status, 0);
    const [a, b] = await Promise.all([fs.readFile(first), fs.readFile(second)]);
    assert.ok(a.equals(b), 'the same inputs make the same bytes');
    const meta = await sharp(a).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 640, 360]);
    const chunks = new Map(readTextChunks(a).map((e) => [e.keyword, e.text]));
    assert.match(chunks.get('parameters') ?? '', /^midnight harbour, warm lights\nSeed: 42, Size: 640x360, Template: title-card, Engine: atelier-procedural$/);
    const atelierChunk = JSON.parse(chunks.get('atelier') ?? '{}') as Record<string, unknown>;
    assert.equal(atelierChunk.prompt, 'midnight harbour, warm lights');
    assert.equal(atelierChunk.seed, 42);
    assert.equal(atelierChunk.text, 'Harbour Nights');
  });

  test('every template renders; --count writes one file per seed into a folder', async () => {
    for (const template of ['title-card', 'quote-card', 'gradient', 'pattern', 'noise', 'palette']) {
      const out = path.join(dir, `${template}.png`);
      const run = atelier(['image', '--template', template, '--seed', '1', '--width', '320', '--height', '320', '-o', out, 'forest']);
      assert.equal(run.status, 0, `${template}: ${run.stderr}`);
      assert.equal((await sharp(out).metadata()).width, 320);
    }
    const folder = path.join(dir, 'batch');
    const run = atelier(['image', '--template', 'pattern', '--count', '3', '--seed', '7', '--size', '256x256', '-o', folder, 'neon']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((await fs.readdir(folder)).sort(), ['pattern-7.png', 'pattern-8.png', 'pattern-9.png']);
  });

  test('invalid sizes and options answer INVALID_INPUT in one line, with no file', async () => {
    for (const args of [
      ['--width', '5000'],
      ['--size', '32x32'],
      ['--size', 'big'],
      ['--engine', 'diffusion', '--size', '513x512'],
      ['--count', '9'],
      ['--template', 'nope'],
      ['--seed', 'abc'],
    ]) {
      const out = path.join(dir, 'bad.png');
      const run = atelier(['image', ...args, '-o', out, 'x']);
      assert.equal(run.status, 1, args.join(' '));
      assert.match(run.stderr, /^atelier: INVALID_INPUT: [^\n]+\n$/, args.join(' '));
      await assert.rejects(fs.access(out));
    }
    const noModel = atelier(['image', '--engine', 'diffusion', '--size', '512x512', '-o', path.join(dir, 'd.png'), 'a cat']);
    assert.equal(noModel.status, 1);
    assert.match(noModel.stderr, /^atelier: MODEL_NOT_FOUND: no image model is installed/);
  });
});

describe('image calls through the web host', () => {
  let host: RunningWebHost;

  before(async () => {
    host = await startWebHostProcess();
  });

  after(async () => {
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  });

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

  async function run(events: Awaited<ReturnType<typeof openJobEvents>>, name: string, input: unknown) {
    const ticket = await callApi(host, name, input);
    assert.equal(ticket.status, 200, JSON.stringify(ticket.error));
    const job = await events.settled((ticket.result as { jobId: string }).jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    return ImageJobResultSchema.parse(job.result).assets;
  }

  test('templates are listed; without a project generate answers NO_PROJECT_OPEN', async () => {
    const templates = (await callApi(host, 'image.templates')).result as { id: string }[];
    assert.deepEqual(
      templates.map((t) => t.id),
      ['title-card', 'quote-card', 'gradient', 'pattern', 'noise', 'palette'],
    );
    assert.equal((await callApi(host, 'image.generate', { prompt: 'x' })).error?.code, 'NO_PROJECT_OPEN');
  });

  test('generate makes assets with origin and thumbnail; edit makes a new asset and keeps the original', async () => {
    await callApi(host, 'projects.create', { title: 'Image test' });
    const events = await openJobEvents();
    const made = await run(events, 'image.generate', {
      template: 'quote-card',
      prompt: 'ocean',
      text: 'Sail on. — Ada',
      width: 800,
      height: 600,
      seed: 5,
      count: 2,
    });
    assert.equal(made.length, 2);
    const [first, second] = made as [(typeof made)[number], (typeof made)[number]];
    assert.equal(first.kind, 'image');
    assert.equal(first.mime, 'image/png');
    assert.deepEqual([first.width, first.height], [800, 600]);
    assert.ok(first.thumbnail, 'a thumbnail was made');
    assert.equal(first.origin.engine, 'procedural');
    assert.equal(first.origin.prompt, 'ocean');
    assert.deepEqual([first.origin.seed, second.origin.seed], [5, 6]);
    assert.equal(first.origin.parameters?.template, 'quote-card');
    assert.equal(typeof first.origin.durationMs, 'number');

    const file = await fetch(`${host.origin}/files/${first.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(file.status, 200);
    const chunks = readTextChunks(new Uint8Array(await file.arrayBuffer()));
    assert.ok(chunks.some((c) => c.keyword === 'parameters' && c.text.includes('Seed: 5')));

    const settings = ImageSettingsSchema.parse((await callApi(host, 'image.settings', { assetId: first.id })).result);
    assert.deepEqual([settings.template, settings.seed, settings.text, settings.width], ['quote-card', 5, 'Sail on. — Ada', 800]);

    const [edited] = await run(events, 'image.edit', {
      assetId: first.id,
      ops: [
        { op: 'crop', left: 0, top: 0, width: 400, height: 300 },
        { op: 'upscale', factor: 2 },
        { op: 'text', text: 'Part 1' },
      ],
      format: 'webp',
    });
    assert.ok(edited);
    assert.equal(edited.mime, 'image/webp');
    assert.deepEqual([edited.width, edited.height], [800, 600]);
    assert.equal(edited.origin.engine, 'edit');
    assert.equal(edited.origin.parameters?.sourceAssetId, first.id);
    assert.equal((edited.origin.parameters?.ops as unknown[]).length, 3);
    const fromEdit = ImageSettingsSchema.parse((await callApi(host, 'image.settings', { assetId: edited.id })).result);
    assert.deepEqual([fromEdit.template, fromEdit.seed], ['quote-card', 5], 'an edit reuses the settings of its source');
    const listed = (await callApi(host, 'assets.list')).result as { id: string }[];
    assert.deepEqual(new Set(listed.map((a) => a.id)), new Set([first.id, second.id, edited.id]), 'the original is kept');
    events.close();
  });

  test('an imported PNG from another tool gives its A1111 settings back; a plain one says it has none', async () => {
    const events = await openJobEvents();
    const plain = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#335577' } })
      .png()
      .toBuffer();
    const a1111 = withTextChunks(plain, [
      {
        keyword: 'parameters',
        text: 'a lighthouse in a storm\nNegative prompt: blurry\nSteps: 25, Sampler: Euler a, CFG scale: 6.5, Seed: 777, Size: 512x512, Model: dreamshaper',
      },
    ]);
    const importFile = async (name: string, bytes: Uint8Array) => {
      const upload = await fetch(`${host.origin}/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': encodeURIComponent(name) },
        body: bytes,
      });
      const { ref } = ((await upload.json()) as { result: { ref: string } }).result;
      const ticket = await callApi(host, 'assets.import', { fileRef: ref });
      const job = await events.settled((ticket.result as { jobId: string }).jobId);
      return AssetSchema.parse(job.result);
    };
    const tagged = await importFile('from-a1111.png', a1111);
    const settings = ImageSettingsSchema.parse((await callApi(host, 'image.settings', { assetId: tagged.id })).result);
    assert.equal(settings.source, 'png-parameters');
    assert.deepEqual(
      [settings.engine, settings.prompt, settings.negativePrompt, settings.seed, settings.steps, settings.guidance, settings.scheduler, settings.model],
      ['diffusion', 'a lighthouse in a storm', 'blurry', 777, 25, 6.5, 'euler-a', 'dreamshaper'],
    );
    const bare = await importFile('bare.png', plain);
    assert.equal((await callApi(host, 'image.settings', { assetId: bare.id })).error?.code, 'UNSUPPORTED');
    events.close();
  });

  test('invalid sizes, a bad crop and a missing diffusion model are typed errors', async () => {
    for (const input of [{ width: 4097 }, { height: 10 }, { engine: 'diffusion', width: 500, height: 512 }, { count: 0 }]) {
      const reply = await callApi(host, 'image.generate', input);
      assert.equal(reply.error?.code, 'INVALID_INPUT', JSON.stringify(input));
    }
    const diffusion = await callApi(host, 'image.generate', { engine: 'diffusion', width: 512, height: 512, prompt: 'a cat' });
    assert.equal(diffusion.error?.code, 'MODEL_NOT_FOUND');
    assert.match(diffusion.error?.message ?? '', /Models tab/);
    assert.equal((await callApi(host, 'image.edit', { assetId: 'nope', ops: [] })).error?.code, 'NOT_FOUND');
  });
});
