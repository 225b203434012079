import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { InstalledModel, Job } from '../../preload/contract.js';
import { tinyGguf, tinyOnnx, writeDiffusersFolder, writePiperVoice } from '../../models/fixtures/model-headers.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { sha256 } from '../support/model-catalog.js';
import { tempHome } from '../support/web-host.js';

let root: string;
let studio: Studio;
let modelsDir: string;
let sources: string;
const changed: any[] = [];

before(async () => {
  root = await tempHome('atelier-models-import-');
  sources = path.join(root, 'my-files');
  await fs.mkdir(sources);
  studio = await createStudio({ host: 'cli', home: path.join(root, 'home') });
  modelsDir = studio.paths.modelsDir;
  studio.events.subscribe((name, payload) => name === 'models.changed' && changed.push(payload));
});

after(async () => {
  await studio.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

async function importFile(file: string, mode: 'copy' | 'reference' = 'copy', label?: string): Promise<Job> {
  const job = studio.models.import({ path: file, ...(label && { label }) }, mode);
  return studio.jobs.settled(job.id);
}

async function write(name: string, data: Buffer | string): Promise<string> {
  const file = path.join(sources, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, data);
  return file;
}

/** The models folder's content apart from the index: model folders and staging debris. */
async function modelFolders(): Promise<string[]> {
  const names = await fs.readdir(modelsDir);
  const staging = await fs.readdir(path.join(modelsDir, '.partial')).catch(() => []);
  return [...names.filter((n) => n !== 'registry.json' && n !== '.partial'), ...staging.map((n) => `.partial/${n}`)].sort();
}

describe('importing a model', () => {
  test('a valid GGUF is copied in with its size and sha256 recorded, and the original is left alone', async () => {
    const bytes = tinyGguf({ name: 'Harbour Writer' });
    const file = await write('harbour-writer.Q4_K_M.gguf', bytes);
    const final = await importFile(file);
    assert.equal(final.state, 'done', JSON.stringify(final.error));
    const model = final.result as InstalledModel;
    assert.equal(model.id, 'harbour-writer');
    assert.equal(model.name, 'Harbour Writer');
    assert.equal(model.modality, 'text');
    assert.equal(model.size, bytes.length);
    assert.equal(model.sha256, sha256(bytes));
    assert.equal(model.owned, true);
    assert.equal(model.path, path.join(modelsDir, 'harbour-writer', 'harbour-writer.Q4_K_M.gguf'));
    assert.deepEqual(await fs.readFile(model.path), bytes);
    assert.deepEqual(await fs.readFile(file), bytes);
    assert.equal(model.active, true, 'the first text model becomes the active one');
  });

  test('a model referenced in place keeps its path, and removing it never deletes the file', async () => {
    const bytes = tinyGguf({ name: 'Shared Model' });
    const file = await write('shared/shared.gguf', bytes);
    const model = (await importFile(file, 'reference')).result as InstalledModel;
    assert.equal(model.path, file);
    assert.equal(model.owned, false);
    assert.equal(model.sha256, sha256(bytes));
    const removed = await studio.models.remove(model.id);
    assert.deepEqual(removed, { id: model.id, deletedFiles: false });
    assert.deepEqual(await fs.readFile(file), bytes, 'the user’s file is untouched');
    assert.equal(await fs.stat(path.join(modelsDir, model.id)).catch(() => null), null);
  });

  for (const [what, name, content, reason] of [
    ['a text file renamed .gguf', 'notes.gguf', 'Chapter one. It was a dark and stormy night.\n'.repeat(40), /not a model Atelier recognises/],
    ['a truncated GGUF', 'cut.gguf', tinyGguf().subarray(0, 120), /truncated/],
    [
      'a GGUF whose tensor data is cut short',
      'short.gguf',
      (() => {
        const full = tinyGguf({ tensorElements: 64 });
        return full.subarray(0, full.length - 100);
      })(),
      /truncated/,
    ],
    ['random bytes named .onnx', 'noise.onnx', randomBytes(64 * 1024), /not a model Atelier recognises/],
    ['an empty file', 'empty.gguf', Buffer.alloc(0), /not a model Atelier recognises/],
  ] as const) {
    test(`${what} is refused with MODEL_INVALID and nothing is written`, async () => {
      const before = await modelFolders();
      const registryBefore = await fs.readFile(path.join(modelsDir, 'registry.json'), 'utf8');
      const final = await importFile(await write(name, content));
      assert.equal(final.state, 'failed');
      assert.equal(final.error?.code, 'MODEL_INVALID');
      assert.match(final.error?.message ?? '', reason);
      assert.deepEqual(await modelFolders(), before);
      assert.equal(await fs.readFile(path.join(modelsDir, 'registry.json'), 'utf8'), registryBefore);
    });
  }

  test('a Piper voice without its .onnx.json is refused; with it, both files come in as one voice', async () => {
    const lonely = await write('lonely/en_GB-lonely-medium.onnx', tinyOnnx());
    const before = await modelFolders();
    const refused = await importFile(lonely);
    assert.equal(refused.error?.code, 'MODEL_INVALID');
    assert.match(refused.error?.message ?? '', /\.onnx\.json/);
    assert.deepEqual(await modelFolders(), before);

    const onnx = await writePiperVoice(path.join(sources, 'voice'), 'en_GB-fixture-medium');
    const voice = (await importFile(onnx)).result as InstalledModel;
    assert.equal(voice.modality, 'voice');
    assert.equal(voice.format, 'piper');
    assert.deepEqual(
      voice.files.map((f) => f.path),
      ['en_GB-fixture-medium.onnx', 'en_GB-fixture-medium.onnx.json'],
    );
    assert.ok((await fs.stat(`${voice.path}.json`)).isFile());
  });

  test('settings that are not a Piper config are refused', async () => {
    const onnx = await write('odd/odd.onnx', tinyOnnx());
    await write('odd/odd.onnx.json', JSON.stringify({ audio: { sample_rate: 22050 } }));
    const final = await importFile(onnx);
    assert.equal(final.error?.code, 'MODEL_INVALID');
    assert.match(final.error?.message ?? '', /phoneme_id_map/);
  });

  test('a diffusers ONNX folder is one image model; one missing its UNet is refused', async () => {
    const folder = await writeDiffusersFolder(path.join(sources, 'tiny-sd'));
    const image = (await importFile(folder)).result as InstalledModel;
    assert.equal(image.modality, 'image');
    assert.equal(image.format, 'diffusers-onnx');
    assert.equal(image.path, path.join(modelsDir, image.id));
    assert.equal(image.files.length, 7);

    const broken = await writeDiffusersFolder(path.join(sources, 'broken-sd'));
    await fs.rm(path.join(broken, 'unet'), { recursive: true });
    const refused = await importFile(broken);
    assert.equal(refused.error?.code, 'MODEL_INVALID');
    assert.match(refused.error?.message ?? '', /unet\/model\.onnx is missing/);
  });

  test('models use switches the active model of a modality and says which one it replaced', async () => {
    const second = (await importFile(await write('second.gguf', tinyGguf({ name: 'Second Writer' })))).result as InstalledModel;
    assert.equal(second.active, false);
    const first = studio.models.registry.active('text');
    assert.ok(first);
    const used = await studio.call('models.use', { id: second.id });
    assert.equal((used as InstalledModel).active, true);
    assert.equal(studio.models.registry.active('text')?.id, second.id);
    assert.deepEqual(changed.at(-1), { reason: 'activated', id: second.id, modality: 'text', active: second.id, previous: first.id });
    assert.equal(studio.models.list().filter((m) => m.modality === 'text' && m.active).length, 1);
  });

  test('a picked Piper voice folder imports through the contract as one voice, like the CLI', async () => {
    const folder = path.join(sources, 'picked voices', 'en_US-picked-medium');
    await writePiperVoice(folder, 'en_US-picked-medium');
    const ref = studio.fileRefs.register({ path: `${folder}${path.sep}`, name: 'en_US-picked-medium', size: 0, owned: false });
    const { jobId } = (await studio.call('models.import', { fileRef: ref.ref, mode: 'reference' })) as { jobId: string };
    const final = await studio.jobs.settled(jobId);
    assert.equal(final.state, 'done', JSON.stringify(final.error));
    const voice = final.result as InstalledModel;
    assert.equal(voice.format, 'piper');
    assert.equal(voice.path, path.join(folder, 'en_US-picked-medium.onnx'));
    assert.deepEqual(
      voice.files.map((f) => f.path),
      ['en_US-picked-medium.onnx', 'en_US-picked-medium.onnx.json'],
    );

    const neither = path.join(sources, 'picked notes');
    await fs.mkdir(neither, { recursive: true });
    await fs.writeFile(path.join(neither, 'notes.txt'), 'not a model');
    const before = await modelFolders();
    const other = studio.fileRefs.register({ path: neither, name: 'picked notes', size: 0, owned: false });
    const refused = await studio.jobs.settled(((await studio.call('models.import', { fileRef: other.ref })) as { jobId: string }).jobId);
    assert.equal(refused.error?.code, 'MODEL_INVALID');
    assert.match(refused.error?.message ?? '', /^picked notes is not a model folder Atelier recognises\. .*Piper voice.*diffusers/);
    assert.deepEqual(await modelFolders(), before);
  });

  test('an upload is imported through the contract under its original name, and its temporary copy released', async () => {
    const bytes = tinyGguf({ name: 'Uploaded Writer' });
    const temp = path.join(studio.paths.incomingDir, 'upload-1');
    await fs.mkdir(studio.paths.incomingDir, { recursive: true });
    await fs.writeFile(temp, bytes);
    const ref = studio.fileRefs.register({ path: temp, name: 'uploaded.gguf', size: bytes.length, owned: true });
    await assert.rejects(studio.call('models.import', { fileRef: ref.ref, mode: 'reference' }), (e: any) => e.code === 'UNSUPPORTED');
    const { jobId } = (await studio.call('models.import', { fileRef: ref.ref })) as { jobId: string };
    const model = (await studio.jobs.settled(jobId)).result as InstalledModel;
    assert.equal(path.basename(model.path), 'uploaded.gguf');
    assert.equal(model.sourceUrl, undefined);
    assert.equal(await fs.stat(temp).catch(() => null), null, 'the upload’s temporary file is gone');
  });
});
