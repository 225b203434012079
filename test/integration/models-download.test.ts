import assert from 'node:assert/strict';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { EventName, InstalledModel, Job } from '../../preload/contract.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { JobManager } from '../../main/core/jobs/job-manager.js';
import type { Logger } from '../../main/platform/log.js';
import { ModelManager, type ModelManagerOptions } from '../../main/core/models/model-manager.js';
import { ModelRegistry } from '../../main/core/models/model-registry.js';
import { createStudio } from '../../main/app/studio.js';
import { sha256, writeTestCatalog, type TestCatalog } from '../support/model-catalog.js';
import { ModelServer } from '../support/model-server.js';
import { tempHome } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => undefined };

let server: ModelServer;
let catalog: TestCatalog;
let root: string;
const open: { jobs: JobManager }[] = [];

before(async () => {
  server = await ModelServer.start();
  root = await tempHome('atelier-models-dl-');
  catalog = await writeTestCatalog(server, path.join(root, 'catalog.json'));
});

after(async () => {
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.length = 0;
});

afterEach(async () => {
  for (const path of ['/text/tiny-text.gguf', catalog.bigTextPath]) server.behave(path);
  while (open.length) await (open.pop() as { jobs: JobManager }).jobs.shutdown();
});

interface Harness {
  home: string;
  modelsDir: string;
  jobs: JobManager;
  registry: ModelRegistry;
  models: ModelManager;
  seen: { name: EventName; payload: any }[];
}

/** A model manager over a real folder, as the studio builds it, with quick retries. */
async function harness(options: Partial<ModelManagerOptions> & { home?: string } = {}): Promise<Harness> {
  const home = options.home ?? (await fs.mkdtemp(path.join(root, 'home-')));
  const events = new EventBus();
  const seen: Harness['seen'] = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const jobs = new JobManager(events);
  const modelsDir = path.join(home, 'models');
  const registry = new ModelRegistry(modelsDir, events, silent);
  await registry.load();
  const models = new ModelManager(registry, jobs, {
    catalogFile: catalog.file,
    tuning: { retries: 2, retryDelayMs: 5, maxRetryDelayMs: 20, stallTimeoutMs: 60_000 },
    ...options,
  });
  const h = { home, modelsDir, jobs, registry, models, seen };
  open.push(h);
  return h;
}

async function settle(h: Harness, job: Job): Promise<Job> {
  return h.jobs.settled(job.id);
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Every file under `dir`, relative. */
async function tree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Waits (polling the disk) until the partial of `catalogId/file` holds `bytes` bytes. */
async function partialReaches(h: Harness, id: string, file: string, bytes: number): Promise<void> {
  const part = path.join(h.modelsDir, '.partial', id, `${file}.part`);
  await waitFor(`${part} to reach ${bytes} bytes`, async () => ((await fs.stat(part).catch(() => null))?.size ?? 0) >= bytes);
}

describe('downloading a catalog model', () => {
  test('fetches it, verifies its sha256 and registers it as the active text model', async () => {
    const h = await harness();
    const job = await h.models.download('tiny-text');
    const final = await settle(h, job);
    assert.equal(final.state, 'done', JSON.stringify(final.error));
    const model = final.result as InstalledModel;
    assert.equal(model.id, 'tiny-text');
    assert.equal(model.modality, 'text');
    assert.equal(model.format, 'gguf');
    assert.equal(model.sha256, sha256(catalog.tinyText));
    assert.equal(model.size, catalog.tinyText.length);
    assert.equal(model.active, true);
    assert.deepEqual(await fs.readFile(model.path), catalog.tinyText);
    assert.deepEqual(
      h.registry.list().map((m) => m.id),
      ['tiny-text'],
    );
    assert.deepEqual(await tree(path.join(h.modelsDir, '.partial')), [], 'no partial files left');
    const onDisk = JSON.parse(await fs.readFile(path.join(h.modelsDir, 'registry.json'), 'utf8'));
    assert.equal(onDisk.models[0].id, 'tiny-text');
    const changed = h.seen.find((e) => e.name === 'models.changed');
    assert.deepEqual(changed?.payload, { reason: 'installed', id: 'tiny-text', modality: 'text', active: 'tiny-text', previous: null });
    const progress = h.seen.filter((e) => e.name === 'job.progress' && e.payload.job.id === job.id && /of/.test(e.payload.job.detail ?? ''));
    assert.ok(progress.length > 0, 'progress reports bytes');
  });

  test('a dropped connection resumes with Range and the file is byte-identical', async () => {
    const h = await harness();
    const size = catalog.bigText.length;
    const half = Math.floor(size / 2);
    server.misbehave(catalog.bigTextPath, { dropAfter: half });
    // How much arrives before the drop depends on the machine's load; what matters is that the
    // resume asks for exactly what the partial file lacks at that moment.
    const part = path.join(h.modelsDir, '.partial', 'big-text', 'big-text.gguf.part');
    const partAtResume: number[] = [];
    server.onRequest = (request) => {
      if (request.path === catalog.bigTextPath && request.range) partAtResume.push(fsSync.statSync(part, { throwIfNoEntry: false })?.size ?? -1);
    };
    try {
      const final = await settle(h, await h.models.download('big-text'));
      assert.equal(final.state, 'done', JSON.stringify(final.error));
      const served = server.requestsFor(catalog.bigTextPath);
      assert.equal(served.length, 2);
      assert.equal(served[0]?.range, undefined);
      assert.equal(served[0]?.bytesSent, half, 'the server dropped the first connection after half the file');
      assert.equal(partAtResume.length, 1);
      const resumedAt = partAtResume[0] as number;
      assert.ok(resumedAt > 0 && resumedAt <= half, `resumed at ${resumedAt}: after the first byte, within what was sent`);
      assert.equal(served[1]?.range, `bytes=${resumedAt}-`, 'the resume starts where the partial file ends');
      assert.equal(served[1]?.status, 206);
      assert.equal(served[1]?.start, resumedAt);
      assert.equal(served[1]?.bytesSent, size - resumedAt, 'only the missing part was fetched again');
      assert.ok(served[1]?.ifRange, 'the resume is guarded by If-Range');
      assert.deepEqual(await fs.readFile((final.result as InstalledModel).path), catalog.bigText);
    } finally {
      server.onRequest = undefined;
    }
  });

  test('a server that ignores Range on resume is restarted cleanly from the first byte', async () => {
    const h = await harness();
    const size = catalog.bigText.length;
    server.misbehave(catalog.bigTextPath, { dropAfter: Math.floor(size / 3) }, { ignoreRange: true });
    const final = await settle(h, await h.models.download('big-text'));
    assert.equal(final.state, 'done', JSON.stringify(final.error));
    const served = server.requestsFor(catalog.bigTextPath);
    assert.equal(served.length, 2);
    assert.ok(served[1]?.range, 'it asked to resume');
    assert.equal(served[1]?.status, 200);
    assert.equal(served[1]?.bytesSent, size);
    const model = final.result as InstalledModel;
    assert.deepEqual(await fs.readFile(model.path), catalog.bigText);
    assert.equal(model.sha256, sha256(catalog.bigText));
  });

  test('after a restart of the app the download resumes from the .part left behind', async () => {
    const first = await harness();
    const size = catalog.bigText.length;
    const half = Math.floor(size / 2);
    server.misbehave(catalog.bigTextPath, { stallAfter: half });
    const job = await first.models.download('big-text');
    await partialReaches(first, 'big-text', 'big-text.gguf', half);
    first.jobs.cancel(job.id);
    assert.equal((await settle(first, job)).state, 'cancelled');
    const staged = path.join(first.modelsDir, '.partial', 'big-text');
    assert.deepEqual(await tree(staged), ['big-text.gguf.part', 'big-text.gguf.part.json']);
    server.behave(catalog.bigTextPath);
    server.requests.length = 0;

    // A new process: new registry, new manager, same data folder.
    const second = await harness({ home: first.home });
    const final = await settle(second, await second.models.download('big-text'));
    assert.equal(final.state, 'done', JSON.stringify(final.error));
    const served = server.requestsFor(catalog.bigTextPath);
    assert.equal(served.length, 1);
    assert.equal(served[0]?.range, `bytes=${half}-`);
    assert.equal(served[0]?.bytesSent, size - half);
    assert.deepEqual(await fs.readFile((final.result as InstalledModel).path), catalog.bigText);
    assert.equal(await exists(staged), false);
  });

  test('cancel stops the download and keeps the partial file for later', async () => {
    const h = await harness();
    server.misbehave(catalog.bigTextPath, { stallAfter: 100_000 });
    const job = await h.models.download('big-text');
    await partialReaches(h, 'big-text', 'big-text.gguf', 100_000);
    const cancelled = h.jobs.cancel(job.id);
    assert.equal(cancelled.id, job.id);
    const final = await settle(h, job);
    assert.equal(final.state, 'cancelled');
    assert.equal(final.error?.code, 'CANCELLED');
    const part = path.join(h.modelsDir, '.partial', 'big-text', 'big-text.gguf.part');
    assert.equal((await fs.stat(part)).size, 100_000);
    assert.ok(await exists(`${part}.json`), 'the sidecar stays with it');
    assert.deepEqual(h.registry.list(), []);
  });

  test('a wrong checksum fails with CHECKSUM_MISMATCH and leaves nothing behind', async () => {
    const h = await harness();
    const final = await settle(h, await h.models.download('bad-sum'));
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'CHECKSUM_MISMATCH');
    assert.match(final.error?.message ?? '', /checksum mismatch/);
    assert.deepEqual(await tree(h.modelsDir), ['registry.json'], 'no .part, no sidecar, no model folder');
    assert.deepEqual(h.registry.list(), []);
  });

  test('a missing file (404) is DOWNLOAD_FAILED naming the status, without retries', async () => {
    const h = await harness();
    const final = await settle(h, await h.models.download('gone'));
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'DOWNLOAD_FAILED');
    assert.match(final.error?.message ?? '', /404/);
    assert.equal(server.requestsFor('/text/gone.gguf').length, 1);
    assert.deepEqual(await tree(h.modelsDir), ['registry.json']);
  });

  test('server errors are retried with backoff, a bounded number of times', async () => {
    const h = await harness();
    server.misbehave('/text/tiny-text.gguf', { status: 503, times: Infinity });
    const final = await settle(h, await h.models.download('tiny-text'));
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'DOWNLOAD_FAILED');
    assert.match(final.error?.message ?? '', /503/);
    assert.equal(server.requestsFor('/text/tiny-text.gguf').length, 3, 'the first try and two retries');

    server.misbehave('/text/tiny-text.gguf', { status: 500 });
    server.requests.length = 0;
    const retried = await settle(h, await h.models.download('tiny-text'));
    assert.equal(retried.state, 'done', JSON.stringify(retried.error));
    assert.deepEqual(
      server.requestsFor('/text/tiny-text.gguf').map((r) => r.status),
      [500, 200],
    );
  });

  test('a server that stalls is a clear DOWNLOAD_FAILED', async () => {
    const h = await harness({ tuning: { retries: 1, retryDelayMs: 5, stallTimeoutMs: 300 } });
    // Some bytes, then silence; the retry gets silence from the start.
    server.misbehave(catalog.bigTextPath, { stallAfter: 1000 }, { stallAfter: 0, times: Infinity });
    const final = await settle(h, await h.models.download('big-text'));
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'DOWNLOAD_FAILED');
    assert.match(final.error?.message ?? '', /stopped sending data/);
    assert.equal(server.requestsFor(catalog.bigTextPath).length, 2);
  });

  test('not enough free disk space is refused before a byte is fetched', async () => {
    const h = await harness({ freeBytes: async () => 10_000 });
    const final = await settle(h, await h.models.download('big-text'));
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'TOO_LARGE');
    assert.match(final.error?.message ?? '', /disk space/);
    assert.equal(server.requests.length, 0);
  });

  test('an error page saved under a model name is refused as MODEL_INVALID and removed', async () => {
    const h = await harness();
    const final = await settle(h, await h.models.download('error-page'));
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.code, 'MODEL_INVALID');
    assert.deepEqual(await tree(h.modelsDir), ['registry.json']);
  });

  test('a Piper voice (two files) and a diffusers folder (many) are one model each', async () => {
    const h = await harness();
    const voice = (await settle(h, await h.models.download('tiny-voice'))).result as InstalledModel;
    assert.equal(voice.modality, 'voice');
    assert.equal(voice.format, 'piper');
    assert.match(voice.path, /xx_XX-tiny-medium\.onnx$/);
    assert.deepEqual(
      voice.files.map((f) => f.path),
      ['xx_XX-tiny-medium.onnx', 'xx_XX-tiny-medium.onnx.json'],
    );
    assert.ok(await exists(`${voice.path}.json`));

    const image = (await settle(h, await h.models.download('tiny-image'))).result as InstalledModel;
    assert.equal(image.modality, 'image');
    assert.equal(image.path, path.join(h.modelsDir, 'tiny-image'));
    assert.ok(await exists(path.join(image.path, 'unet', 'model.onnx')));
    assert.equal(image.files.length, 7);
    assert.deepEqual(
      h.registry.list().map((m) => [m.id, m.active]),
      [
        ['tiny-voice', true],
        ['tiny-image', true],
      ],
    );
  });

  test('asking twice joins the running download; an installed model answers at once', async () => {
    const h = await harness();
    const one = await h.models.download('tiny-text');
    const two = await h.models.download('tiny-text');
    assert.equal(two.id, one.id);
    await settle(h, one);
    server.requests.length = 0;
    const again = await settle(h, await h.models.download('tiny-text'));
    assert.equal(again.state, 'done');
    assert.equal((again.result as InstalledModel).id, 'tiny-text');
    assert.equal(server.requests.length, 0);
  });

  test('an unknown catalog id is NOT_FOUND before any job starts', async () => {
    const h = await harness();
    await assert.rejects(h.models.download('no-such-model'), (e: any) => e.code === 'NOT_FOUND');
  });

  test('a download by address is checked by content, and a wrong --sha256 is refused', async () => {
    const h = await harness();
    const wrong = await settle(h, await h.models.downloadUrl(server.url('/text/tiny-text.gguf'), '0'.repeat(64)));
    assert.equal(wrong.error?.code, 'CHECKSUM_MISMATCH');
    const right = await settle(h, await h.models.downloadUrl(server.url('/text/tiny-text.gguf'), sha256(catalog.tinyText)));
    const model = right.result as InstalledModel;
    assert.equal(model.id, 'tiny-text');
    assert.equal(model.name, 'Tiny Text', 'named from the GGUF metadata');
    assert.equal(model.source, 'url');
  });
});

describe('models through the contract', () => {
  test('catalog, download, list, use and remove via studio.call', async () => {
    const home = await fs.mkdtemp(path.join(root, 'studio-'));
    const studio = await createStudio({
      host: 'cli',
      home,
      models: { catalogFile: catalog.file, tuning: { retries: 1, retryDelayMs: 5 } },
    });
    const changed: any[] = [];
    studio.events.subscribe((name, payload) => name === 'models.changed' && changed.push(payload));
    try {
      const entries = (await studio.call('models.catalog', {})) as { id: string; installed: boolean; totalSize: number }[];
      assert.deepEqual(
        entries.map((e) => e.id),
        catalog.entries.map((e) => e.id),
      );
      assert.equal(entries.find((e) => e.id === 'tiny-text')?.installed, false);

      for (const catalogId of ['tiny-text', 'big-text']) {
        const { jobId } = (await studio.call('models.download', { catalogId })) as { jobId: string };
        assert.equal((await studio.jobs.settled(jobId)).state, 'done');
      }
      const list = (await studio.call('models.list', {})) as InstalledModel[];
      assert.deepEqual(
        list.map((m) => [m.id, m.active]),
        [
          ['tiny-text', true],
          ['big-text', false],
        ],
      );
      const used = (await studio.call('models.use', { id: 'big-text' })) as InstalledModel;
      assert.equal(used.active, true);
      assert.deepEqual(changed.at(-1), { reason: 'activated', id: 'big-text', modality: 'text', active: 'big-text', previous: 'tiny-text' });
      assert.equal(((await studio.call('models.catalog', {})) as { id: string; installed: boolean }[]).find((e) => e.id === 'tiny-text')?.installed, true);

      const removed = await studio.call('models.remove', { id: 'big-text' });
      assert.deepEqual(removed, { id: 'big-text', deletedFiles: true });
      assert.deepEqual(changed.at(-1), { reason: 'removed', id: 'big-text', modality: 'text', active: 'tiny-text', previous: 'big-text' });
      assert.equal(await exists(path.join(home, 'models', 'big-text')), false);
      await assert.rejects(studio.call('models.download', { catalogId: '../etc' }), (e: any) => e.code === 'INVALID_INPUT');
      await assert.rejects(studio.call('models.use', { id: 'big-text' }), (e: any) => e.code === 'NOT_FOUND');
    } finally {
      await studio.dispose();
    }
  });
});
