import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { AssetSchema, SystemPresetSchema, type Asset, type Job, type SystemPreset } from '../../preload/contract.js';
import { createStudio } from '../../main/app/studio.js';
import type { AtelierError } from '../../preload/errors.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';

let host: RunningWebHost;

before(async () => {
  host = await startWebHostProcess();
});

after(async () => {
  await host?.stop();
  if (host) await fs.rm(host.home, { recursive: true, force: true });
});

async function ok<T>(name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host, name, input);
  assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

async function refused(name: string, input: unknown, code: string, message: RegExp): Promise<void> {
  const answer = await callApi(host, name, input);
  assert.notEqual(answer.status, 200, `${name} should have been refused`);
  assert.equal(answer.error?.code, code, JSON.stringify(answer.error));
  assert.match(answer.error?.message ?? '', message);
}

/** Uploads bytes and imports them into the open project as the renderer does, waiting for the import job. */
async function importBytes(name: string, bytes: Uint8Array): Promise<Asset> {
  const upload = await fetch(`${host.origin}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': encodeURIComponent(name) },
    body: bytes,
  });
  assert.equal(upload.status, 200);
  const { ref } = ((await upload.json()) as { result: { ref: string } }).result;
  const { jobId } = await ok<{ jobId: string }>('assets.import', { fileRef: ref });
  const job = await waitFor(
    `the import of ${name} to finish`,
    async () => (await ok<Job[]>('jobs.list')).find((j) => j.id === jobId && j.state !== 'queued' && j.state !== 'running'),
    { timeoutMs: 120_000, intervalMs: 50 },
  );
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  return AssetSchema.parse(job.result);
}

describe('text presets through the web host', () => {
  test('the built-ins come first; edits and own presets are kept across a restart; deleting a built-in resets it', async () => {
    const presets = (await ok<unknown[]>('text.presets')).map((p) => SystemPresetSchema.parse(p));
    assert.deepEqual(
      presets.map((p) => p.name),
      ['Story writer', 'Editor', 'Screenwriter', 'Teacher', 'Game master'],
    );

    const mine: SystemPreset = { id: 'noir', name: 'Noir narrator', system: 'Hard-boiled, first person, rain.', builtIn: false };
    const edited = presets.map((p) => (p.id === 'story-writer' ? { ...p, system: 'Write for children aged six.' } : p));
    const saved = await ok<SystemPreset[]>('text.savePresets', { presets: [...edited, mine] });
    assert.equal(saved.length, 6);
    assert.equal(saved[0]?.system, 'Write for children aged six.');
    assert.deepEqual(saved[5], mine);

    await host.stop();
    host = await startWebHostProcess({ home: host.home });
    assert.deepEqual(await ok('text.presets'), saved, 'presets survive a restart');

    const reset = await ok<SystemPreset[]>('text.savePresets', { presets: saved.filter((p) => p.id !== 'story-writer') });
    assert.equal(reset[0]?.id, 'story-writer');
    assert.equal(reset[0]?.system, presets[0]?.system, 'the default text is back');
  });

  test('bad preset lists are refused', async () => {
    await refused('text.savePresets', { presets: [{ id: 'x', name: '   ', system: '' }] }, 'INVALID_INPUT', /presets\.0\.name/);
    await refused(
      'text.savePresets',
      {
        presets: [
          { id: 'x', name: 'A', system: '' },
          { id: 'x', name: 'B', system: '' },
        ],
      },
      'INVALID_INPUT',
      /share the id "x"/,
    );
  });
});

describe('Write documents through the web host', () => {
  test('saving needs an open project', async () => {
    await refused('text.saveDocument', { name: 'Notes', markdown: 'hi' }, 'NO_PROJECT_OPEN', /Open or create a project/);
  });

  test('a new document becomes a Markdown asset; saving again rewrites it in place with the new origin', async () => {
    await ok('projects.create', { title: 'Harbour Night' });
    const markdown = '# Harbour Night\n\nThe lighthouse keeper counted seven ships before dawn.\n';
    const first = AssetSchema.parse(await ok('text.saveDocument', { name: 'Chapter one', markdown }));
    assert.equal(first.kind, 'text');
    assert.equal(first.mime, 'text/markdown');
    assert.equal(first.name, 'Chapter one.md');
    assert.match(first.file, /^assets\/[\w-]+-chapter-one\.md$/);
    assert.equal(first.size, Buffer.byteLength(markdown));
    assert.deepEqual(first.origin, { engine: 'editor' });
    const project = await ok<{ path: string }>('projects.current');
    const folder = project.path;
    assert.equal(await fs.readFile(path.join(folder, first.file), 'utf8'), markdown);

    const longer = `${markdown}\nThe eighth never came. — ünïcödé\n`;
    const origin = { model: 'tiny-llama', prompt: 'Continue this document', seed: 42, parameters: { temperature: 0.7, action: 'continue' } };
    const second = AssetSchema.parse(await ok('text.saveDocument', { assetId: first.id, name: 'Chapter 1', markdown: longer, origin }));
    assert.equal(second.id, first.id);
    assert.equal(second.file, first.file, 'the same file is rewritten');
    assert.equal(second.name, 'Chapter 1.md');
    assert.equal(second.size, Buffer.byteLength(longer));
    assert.deepEqual(second.origin, { engine: 'llama', ...origin });
    assert.equal(await fs.readFile(path.join(folder, first.file), 'utf8'), longer);
    const listed = (await ok<Asset[]>('assets.list')).find((a) => a.id === first.id);
    assert.deepEqual(listed, second, 'project.json has the new size and origin');
    assert.deepEqual(
      (await fs.readdir(path.join(folder, 'assets'))).filter((f) => f.endsWith('.tmp')),
      [],
      'no temp files left',
    );

    // A hand edit afterwards keeps the origin of the suggestion.
    const third = AssetSchema.parse(await ok('text.saveDocument', { assetId: first.id, name: 'Chapter 1', markdown: `${longer}More.\n` }));
    assert.deepEqual(third.origin, second.origin);

    assert.deepEqual(await ok('text.readDocument', { assetId: first.id }), { assetId: first.id, name: 'Chapter 1', markdown: `${longer}More.\n` });
  });

  test('an imported text file opens; unknown, non-text and oversized assets are refused with a reason', async () => {
    const notes = await importBytes('field notes.txt', new TextEncoder().encode('\uFEFFTide at 6, wind from the west.'));
    assert.equal(notes.kind, 'text');
    assert.deepEqual(await ok('text.readDocument', { assetId: notes.id }), {
      assetId: notes.id,
      name: 'field notes',
      markdown: 'Tide at 6, wind from the west.',
    });

    await refused('text.readDocument', { assetId: 'nope' }, 'NOT_FOUND', /No asset nope/);
    await refused('text.saveDocument', { assetId: 'nope', name: 'x', markdown: 'y' }, 'NOT_FOUND', /No asset nope/);

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const picture = await importBytes('sky.png', png);
    await refused('text.readDocument', { assetId: picture.id }, 'UNSUPPORTED', /sky\.png is an image asset/);
    await refused('text.saveDocument', { assetId: picture.id, name: 'sky', markdown: 'overwrite?' }, 'UNSUPPORTED', /text and Markdown only/);

    const huge = await importBytes('huge.txt', new Uint8Array(4 * 1024 * 1024 + 10).fill(0x61));
    await refused('text.readDocument', { assetId: huge.id }, 'TOO_LARGE', /huge\.txt is 4\.0 MB; the Write tab opens documents up to 4 MB/);
  });
});

// The web host caps a call's body at 1 MiB, so a document near the save limit is tried in process, through the same dispatch.
describe('Write documents at the size limit', () => {
  test('a save over 4 MB is refused with TOO_LARGE, one over 2 million characters by the contract', async () => {
    const root = await tempHome('atelier-text-documents-');
    const studio = await createStudio({ host: 'cli', home: root });
    try {
      await studio.call('projects.create', { title: 'Big' });
      await assert.rejects(studio.call('text.saveDocument', { name: 'big', markdown: '€'.repeat(2_000_000) }), (error: AtelierError) => {
        assert.equal(error.code, 'TOO_LARGE');
        assert.match(error.message, /The document is 5\.7 MB; Atelier saves documents up to 4 MB/);
        return true;
      });
      await assert.rejects(
        studio.call('text.saveDocument', { name: 'big', markdown: 'a'.repeat(2_000_001) }),
        (error: AtelierError) => error.code === 'INVALID_INPUT',
      );
      assert.deepEqual(await studio.call('assets.list', {}), [], 'nothing was written');
    } finally {
      await studio.dispose();
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
