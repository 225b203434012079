import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EventName } from '../../preload/contract.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { MODEL_MANIFEST, ModelRegistry, type ModelManifest } from '../../main/core/models/model-registry.js';
import { recordingLogger } from './support/recording-logger.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

before(async () => {
  root = await makeTemp('atelier-registry-');
});
after(async () => {
  await removeTemp(root);
});

function manifest(id: string, modality: ModelManifest['modality'], modelsDir: string, at: number): ModelManifest {
  const format = (
    { text: 'gguf', image: 'diffusers-onnx', voice: 'piper', upscaler: 'upscaler-onnx', embedding: 'gguf', 'speech-to-text': 'whisper-onnx' } as const
  )[modality];
  return {
    id,
    name: id.toUpperCase(),
    modality,
    format,
    path: path.join(modelsDir, id, `${id}.bin`),
    size: 3,
    sha256: 'a'.repeat(64),
    files: [{ path: `${id}.bin`, size: 3, sha256: 'a'.repeat(64) }],
    source: 'import',
    owned: true,
    installedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
  };
}

async function fresh() {
  const modelsDir = path.join(root as string, `case-${++counter}`, 'models');
  const events = new EventBus();
  const seen: { name: EventName; payload: any }[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const log = recordingLogger();
  const registry = new ModelRegistry(modelsDir, events, log);
  await registry.load();
  const install = async (id: string, modality: ModelManifest['modality'], at = counter * 10 + seen.length) => {
    const staged = path.join(registry.stagingDir, id);
    await fs.mkdir(staged, { recursive: true });
    await fs.writeFile(path.join(staged, `${id}.bin`), 'abc');
    return registry.install(staged, manifest(id, modality, modelsDir, at));
  };
  return { modelsDir, events, seen, log, registry, install };
}

describe('ModelRegistry', () => {
  test('a manifest left in staging by an install killed before its rename is dropped at load; the verified files stay for the next try', async () => {
    const modelsDir = path.join(root as string, `case-${++counter}`, 'models');
    const staged = path.join(modelsDir, '.partial', 'half');
    await fs.mkdir(staged, { recursive: true });
    await fs.writeFile(path.join(staged, 'half.bin'), 'abc');
    await fs.writeFile(path.join(staged, 'half.bin.part'), 'ab');
    await fs.writeFile(path.join(staged, MODEL_MANIFEST), JSON.stringify(manifest('half', 'text', modelsDir, 1)));
    const registry = new ModelRegistry(modelsDir, new EventBus(), recordingLogger());
    await registry.load();
    assert.deepEqual((await fs.readdir(staged)).sort(), ['half.bin', 'half.bin.part']);
    assert.deepEqual(registry.list(), []);
    await registry.close();
  });

  test('starts empty and writes its index', async () => {
    const { registry, modelsDir } = await fresh();
    assert.deepEqual(registry.list(), []);
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(modelsDir, 'registry.json'), 'utf8')), { schemaVersion: 1, models: [] });
  });

  test('install moves the staged folder into place, writes its manifest, and activates the first per modality', async () => {
    const { registry, install, modelsDir, seen } = await fresh();
    const first = await install('writer', 'text');
    const second = await install('poet', 'text');
    const voice = await install('narrator', 'voice');
    assert.equal(first.active, true);
    assert.equal(second.active, false);
    assert.equal(voice.active, true);
    assert.ok((await fs.stat(path.join(modelsDir, 'writer', MODEL_MANIFEST))).isFile());
    assert.deepEqual(await fs.readdir(registry.stagingDir), []);
    assert.deepEqual(
      seen.filter((e) => e.name === 'models.changed').map((e) => [e.payload.id, e.payload.active]),
      [
        ['writer', 'writer'],
        ['poet', 'writer'],
        ['narrator', 'narrator'],
      ],
    );
    await assert.rejects(install('writer', 'text'), (e: any) => e.code === 'INVALID_INPUT');
  });

  test('use switches the active model and names the previous one; unknown ids are NOT_FOUND', async () => {
    const { registry, install, seen } = await fresh();
    await install('writer', 'text');
    await install('poet', 'text');
    await registry.use('poet');
    assert.deepEqual(
      registry.list().map((m) => [m.id, m.active]),
      [
        ['writer', false],
        ['poet', true],
      ],
    );
    assert.deepEqual(seen.at(-1)?.payload, { reason: 'activated', id: 'poet', modality: 'text', active: 'poet', previous: 'writer' });
    await assert.rejects(registry.use('nobody'), (e: any) => e.code === 'NOT_FOUND');
  });

  test('removing the active model hands the role to another of its modality', async () => {
    const { registry, install, modelsDir, seen } = await fresh();
    await install('writer', 'text');
    await install('poet', 'text');
    assert.deepEqual(await registry.remove('writer'), { id: 'writer', deletedFiles: true });
    assert.equal(registry.active('text')?.id, 'poet');
    assert.deepEqual(seen.at(-1)?.payload, { reason: 'removed', id: 'writer', modality: 'text', active: 'poet', previous: 'writer' });
    assert.equal(await fs.stat(path.join(modelsDir, 'writer')).catch(() => null), null);
  });

  test('a damaged registry.json is set aside and rebuilt from the model folders: no model is lost', async () => {
    const { registry, install, modelsDir, events, log } = await fresh();
    await install('writer', 'text');
    await install('poet', 'text');
    await install('narrator', 'voice');
    await registry.use('poet');
    await fs.writeFile(path.join(modelsDir, 'registry.json'), '{"schemaVersion": 1, "models": [ {"id": tru');
    const again = new ModelRegistry(modelsDir, events, log);
    await again.load();
    assert.deepEqual(
      again
        .list()
        .map((m) => m.id)
        .sort(),
      ['narrator', 'poet', 'writer'],
    );
    assert.deepEqual(
      again
        .list()
        .filter((m) => m.active)
        .map((m) => m.modality)
        .sort(),
      ['text', 'voice'],
      'one active per modality',
    );
    assert.ok(
      (await fs.readdir(modelsDir)).some((n) => n.startsWith('registry.json.corrupt-')),
      'the damaged file is kept aside',
    );
    assert.ok(log.lines.some((l) => l.level === 'warn' && /damaged/.test(l.message)));
    const rebuilt = JSON.parse(await fs.readFile(path.join(modelsDir, 'registry.json'), 'utf8'));
    assert.equal(rebuilt.models.length, 3);
  });

  test('a model folder deleted by hand leaves the index; one added by hand joins it', async () => {
    const { registry, install, modelsDir, events, log } = await fresh();
    await install('writer', 'text');
    await install('poet', 'text');
    const extra = path.join(modelsDir, 'extra');
    await fs.mkdir(extra);
    await fs.writeFile(path.join(extra, MODEL_MANIFEST), JSON.stringify(manifest('extra', 'image', modelsDir, 99)));
    await fs.rm(path.join(modelsDir, 'writer'), { recursive: true });
    await fs.mkdir(path.join(modelsDir, 'junk'));
    const again = new ModelRegistry(modelsDir, events, log);
    await again.load();
    assert.deepEqual(
      again.list().map((m) => [m.id, m.active]),
      [
        ['poet', true],
        ['extra', true],
      ],
    );
    assert.deepEqual(
      registry.list().map((m) => m.id),
      ['poet', 'extra'],
      'the first instance follows the index the second rewrote',
    );
  });

  test('two registries on one folder (two processes) both keep their installs, and each hears the other', async () => {
    const { registry, install, modelsDir, seen } = await fresh();
    const otherEvents = new EventBus();
    const other = new ModelRegistry(modelsDir, otherEvents, recordingLogger());
    await other.load();
    const stage = async (id: string) => {
      const staged = path.join(other.stagingDir, `other-${id}`);
      await fs.mkdir(staged, { recursive: true });
      await fs.writeFile(path.join(staged, `${id}.bin`), 'abc');
      return staged;
    };
    // Interleaved on purpose: each change must start from the other's latest index.
    await Promise.all([
      install('writer', 'text'),
      other.install(await stage('narrator'), manifest('narrator', 'voice', modelsDir, 5)),
      install('poet', 'text'),
      other.install(await stage('painter'), manifest('painter', 'image', modelsDir, 6)),
    ]);
    const ids = (r: ModelRegistry) =>
      r
        .list()
        .map((m) => m.id)
        .sort();
    assert.deepEqual(ids(registry), ['narrator', 'painter', 'poet', 'writer']);
    assert.deepEqual(ids(other), ['narrator', 'painter', 'poet', 'writer']);
    const index = JSON.parse(await fs.readFile(path.join(modelsDir, 'registry.json'), 'utf8'));
    assert.deepEqual(index.models.map((m: { id: string }) => m.id).sort(), ['narrator', 'painter', 'poet', 'writer']);
    const heard = seen
      .filter((e) => e.name === 'models.changed' && e.payload.reason === 'installed')
      .map((e) => e.payload.id)
      .sort();
    assert.deepEqual(heard, ['narrator', 'painter', 'poet', 'writer'], 'its own installs and the other registry’s');
    assert.equal((await fs.readdir(modelsDir)).includes('.registry.lock'), false, 'the lock is released');

    await other.use('writer');
    // Heard before the removal: read together, the switch and the removal are one change (a
    // removal whose `previous` is poet), and which one this registry sees depended on timing.
    await registry.refresh();
    await other.remove('poet');
    assert.equal(registry.active('text')?.id, 'writer');
    assert.deepEqual(ids(registry), ['narrator', 'painter', 'writer']);
    assert.deepEqual(
      seen.slice(-1).map((e) => e.payload),
      [{ reason: 'removed', id: 'poet', modality: 'text', active: 'writer', previous: null }],
    );
  });

  test('a watching registry announces another one’s install without being asked, and stops when closed', async () => {
    const { registry, modelsDir, seen } = await fresh();
    registry.watch();
    const other = new ModelRegistry(modelsDir, new EventBus(), recordingLogger());
    await other.load();
    const staged = path.join(other.stagingDir, 'lighthouse');
    await fs.mkdir(staged, { recursive: true });
    await fs.writeFile(path.join(staged, 'lighthouse.bin'), 'abc');
    await other.install(staged, manifest('lighthouse', 'voice', modelsDir, 7));
    const deadline = Date.now() + 10_000;
    const heard = () => seen.find((e) => e.name === 'models.changed' && e.payload.id === 'lighthouse');
    while (!heard() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(heard()?.payload, { reason: 'installed', id: 'lighthouse', modality: 'voice', active: 'lighthouse', previous: null });
    await registry.close();
    const count = seen.length;
    await other.remove('lighthouse');
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(seen.length, count, 'a closed registry hears nothing until it is read again');
  });

  test('staging and partial files are never taken for models', async () => {
    const { modelsDir, events, log } = await fresh();
    const staged = path.join(modelsDir, '.partial', 'half');
    await fs.mkdir(staged, { recursive: true });
    await fs.writeFile(path.join(staged, 'half.gguf.part'), 'GGUF');
    await fs.writeFile(path.join(staged, MODEL_MANIFEST), JSON.stringify(manifest('half', 'text', modelsDir, 1)));
    const again = new ModelRegistry(modelsDir, events, log);
    await again.load();
    assert.deepEqual(again.list(), []);
  });
});
