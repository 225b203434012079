import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OpenedProject } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { newProjectFile, serializeProject } from '../../main/core/projects/project-file.js';
import { importBundle } from '../../main/core/bundle-import/import-bundle.js';
import { DEFAULT_BUNDLE_LIMITS } from '../../main/core/bundle-import/bundle-limits.js';
import { randomBytes } from 'node:crypto';
import { renameEntry, spreadZeroBomb, writeTestZip, type ZipItem } from '../support/hostile-zips.js';
import { listBundle } from '../../main/core/bundle-import/bundle-entries.js';
import { unpackEntries } from '../../main/core/bundle-import/unpack-bundle.js';

let home: string;
let studio: Studio;
let scratch: string;

before(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bundle-'));
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bundle-zips-'));
  studio = await createStudio({ host: 'cli', home });
  await studio.call('projects.create', { title: 'Already here' });
});

after(async () => {
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
  await fs.rm(scratch, { recursive: true, force: true });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A small valid project.json with one image asset at assets/pic.png. */
function projectJson(overrides: Record<string, unknown> = {}): Buffer {
  const data = newProjectFile('11111111-1111-4111-8111-111111111111', 'Bundled');
  data.assets.pic = {
    id: 'pic',
    kind: 'image',
    name: 'pic.png',
    file: 'assets/pic.png',
    mime: 'image/png',
    size: PNG.length,
    createdAt: data.createdAt,
    origin: { engine: 'procedural', prompt: 'a fox', seed: 3 },
  };
  data.scenes.push({ id: 's1', title: 'One', text: 'Hello', imageAssetId: 'pic' });
  return Buffer.from(serializeProject({ ...data, ...overrides }));
}

const GOOD: ZipItem[] = [
  { name: 'project.json', bytes: projectJson() },
  { name: 'assets/pic.png', bytes: PNG },
];

/** Every name under the data folder and the scratch folder's parent that could have been written. */
async function snapshot(): Promise<string[]> {
  const names = await fs.readdir(home, { recursive: true });
  return names.filter((n) => !n.startsWith('logs')).sort();
}

async function importZip(file: string): Promise<OpenedProject> {
  const ref = studio.fileRefs.register({ path: file, name: path.basename(file), size: (await fs.stat(file)).size, owned: false });
  return (await studio.call('projects.import', { fileRef: ref.ref })) as OpenedProject;
}

async function refused(name: string, items: ZipItem[], reason: RegExp, patch?: (file: string) => Promise<void>): Promise<void> {
  const file = path.join(scratch, `${name}.zip`);
  await writeTestZip(file, items);
  await patch?.(file);
  const before = await snapshot();
  const projectsBefore = (await studio.call('projects.list', {})) as unknown[];
  await assert.rejects(importZip(file), (error: { code?: string; message?: string }) => {
    assert.equal(error.code, 'BUNDLE_INVALID', String(error.message));
    assert.match(String(error.message), reason);
    return true;
  });
  assert.deepEqual(await snapshot(), before, 'nothing was written in the data folder: no project, no temp folder');
  assert.equal(((await studio.call('projects.list', {})) as unknown[]).length, projectsBefore.length);
  for (const outside of ['evil', 'abs', path.join('..', 'evil')]) {
    await assert.rejects(fs.access(path.join(studio.paths.projectsDir, '..', outside)));
    await assert.rejects(fs.access(path.join(scratch, outside)));
  }
}

describe('bundle import refuses what it cannot trust', () => {
  test('a good bundle imports as a new, opened project', async () => {
    const file = path.join(scratch, 'good.zip');
    await writeTestZip(file, GOOD);
    const opened = await importZip(file);
    assert.equal(opened.project.title, 'Bundled');
    assert.notEqual(opened.project.id, '11111111-1111-4111-8111-111111111111');
    assert.ok((await fs.readFile(path.join(opened.project.path, 'assets', 'pic.png'))).equals(PNG));
    // The same bundle twice gives two projects, not one overwritten.
    const again = await importZip(file);
    assert.notEqual(again.project.path, opened.project.path);
  });

  test('an entry climbing out with ..', () =>
    refused('dotdot', [...GOOD, { name: 'zz/evil', bytes: Buffer.from('x') }], /outside the bundle/, (f) => renameEntry(f, 'zz/evil', '../evil')));

  test('an absolute path', () =>
    refused('abs', [...GOOD, { name: 'xabs/x', bytes: Buffer.from('x') }], /absolute path/, (f) => renameEntry(f, 'xabs/x', '/abs/x')));

  test('a drive letter', () =>
    refused('drive', [...GOOD, { name: 'Cx/evil', bytes: Buffer.from('x') }], /absolute path/, (f) => renameEntry(f, 'Cx/evil', 'C:/evil')));

  test('a backslash path', () =>
    refused('backslash', [...GOOD, { name: 'zz/evil', bytes: Buffer.from('x') }], /backslash|invalid characters/, (f) =>
      renameEntry(f, 'zz/evil', '..\\evil'),
    ));

  test('a symbolic link entry', () =>
    refused('symlink', [...GOOD, { name: 'assets/link', bytes: Buffer.from('/etc/passwd'), mode: 0o120777 }], /symbolic link/));

  test('a FIFO or other special entry', () =>
    refused('fifo', [...GOOD, { name: 'assets/pipe', bytes: Buffer.alloc(0), mode: 0o010644 }], /not a regular file/));

  test('a 1 GiB bomb of zeros is stopped while inflating', async () => {
    const started = Date.now();
    await refused('bomb', [...GOOD, { name: 'assets/zeros.wav', zeros: 1024 ** 3 }], /inflate more than 100:1 .*like a zip bomb/);
    assert.ok(Date.now() - started < 120_000);
  });

  // Just past the limit: the count is read from the central directory before anything is
  // unpacked, so one entry over says as much as a hundred thousand (whose zip took the test
  // 15–30 s to write, against 0.1 s for the import to refuse it).
  test('one entry more than the 20 000 allowed', () => {
    const { maxEntries } = DEFAULT_BUNDLE_LIMITS;
    const padding = Array.from({ length: maxEntries + 1 - GOOD.length }, (_, i) => ({ name: `assets/f${i}.txt`, bytes: Buffer.alloc(0), compress: false }));
    return refused('many', [...GOOD, ...padding], new RegExp(`has ${maxEntries + 1} entries, more than the ${maxEntries} allowed`));
  });

  test('a truncated archive', () =>
    refused(
      'truncated',
      [...GOOD, { name: 'assets/noise.bin', bytes: Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 251)) }],
      /not a readable zip|damaged/,
      async (f) => {
        const bytes = await fs.readFile(f);
        await fs.writeFile(f, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      },
    ));

  test('a corrupted entry (checksum)', () =>
    refused(
      'crc',
      [
        { name: 'project.json', bytes: projectJson() },
        { name: 'assets/pic.png', bytes: PNG, compress: false },
      ],
      /checksum|damaged/,
      async (f) => {
        const bytes = await fs.readFile(f);
        const at = bytes.indexOf(PNG);
        bytes[at + 20] = (bytes[at + 20] ?? 0) ^ 0xff;
        await fs.writeFile(f, bytes);
      },
    ));

  test('no project.json', () => refused('nojson', [{ name: 'assets/pic.png', bytes: PNG }], /no project\.json/));

  test('a project.json that is not JSON', () =>
    refused(
      'badjson',
      [
        { name: 'project.json', bytes: Buffer.from('{ nope') },
        { name: 'assets/pic.png', bytes: PNG },
      ],
      /not valid JSON/,
    ));

  test('a project.json that is not an Atelier project', () =>
    refused('wrongjson', [{ name: 'project.json', bytes: Buffer.from('{"hello": 1}') }], /not an Atelier project/));

  test('an asset file project.json names but the bundle lacks', () => refused('missing', [{ name: 'project.json', bytes: projectJson() }], /does not contain/));

  test('an asset path that escapes the project', () =>
    refused(
      'assetescape',
      [
        { name: 'project.json', bytes: Buffer.from(projectJson().toString().replace('"assets/pic.png"', '"../../pic.png"')) },
        { name: 'assets/pic.png', bytes: PNG },
      ],
      /outside the project/,
    ));

  test('the same entry twice', () => refused('dupe', [...GOOD, { name: 'assets/PIC.png', bytes: PNG }], /appears twice/));

  test('entry and total size limits hold for entries project.json does not name', async () => {
    const noise = randomBytes(300_000);
    const file = path.join(scratch, 'sizes.zip');
    await writeTestZip(file, [...GOOD, { name: 'assets/a.bin', bytes: noise }, { name: 'assets/b.bin', bytes: noise }]);
    const context = { signal: new AbortController().signal, progress: () => undefined };
    const before = await fs.readdir(studio.paths.projectsDir);
    await assert.rejects(importBundle(file, studio.paths.projectsDir, context, { limits: { ...DEFAULT_BUNDLE_LIMITS, maxEntryBytes: 200_000 } }), {
      code: 'BUNDLE_INVALID',
      message: /"assets\/a.bin" is larger than 200000 bytes/,
    });
    await assert.rejects(importBundle(file, studio.paths.projectsDir, context, { limits: { ...DEFAULT_BUNDLE_LIMITS, maxTotalBytes: 500_000 } }), {
      code: 'BUNDLE_INVALID',
      message: /inflate past 500000 bytes in total/,
    });
    assert.deepEqual(await fs.readdir(studio.paths.projectsDir), before);
  });

  test('not a zip at all', async () => {
    const file = path.join(scratch, 'text.zip');
    await fs.writeFile(file, 'just text');
    const before = await snapshot();
    await assert.rejects(importZip(file), { code: 'BUNDLE_INVALID' });
    assert.deepEqual(await snapshot(), before);
  });
});

describe('bundle import budgets the whole archive', () => {
  test('a ten-entry bomb of 31 MB zero files is refused, leaving nothing behind', async () => {
    const bomb = spreadZeroBomb();
    // Each entry alone stays under the 32 MB a single-entry ratio check waits for.
    assert.ok(bomb.every((item) => (item.zeros ?? 0) < DEFAULT_BUNDLE_LIMITS.ratioAfterBytes));
    await refused('spread-bomb', [...GOOD, ...bomb], /together inflate more than 100:1 .*like a zip bomb/);
    assert.deepEqual(
      (await fs.readdir(studio.paths.projectsDir)).filter((n) => n.startsWith('.import-')),
      [],
    );
  });

  test('the same bomb named by project.json is refused too', async () => {
    const bomb = spreadZeroBomb();
    const data = JSON.parse(projectJson().toString()) as { assets: Record<string, unknown> };
    for (const item of bomb) {
      data.assets[item.name] = {
        id: item.name,
        kind: 'audio',
        name: item.name,
        file: item.name,
        mime: 'audio/wav',
        size: item.zeros,
        createdAt: '2026-01-01T00:00:00.000Z',
        origin: { engine: 'x' },
      };
    }
    await refused(
      'named-bomb',
      [{ name: 'project.json', bytes: Buffer.from(JSON.stringify(data)) }, { name: 'assets/pic.png', bytes: PNG }, ...bomb],
      /like a zip bomb/,
    );
  });

  test('the ratio is also counted across entries while inflating', async () => {
    const file = path.join(scratch, 'counted.zip');
    await writeTestZip(file, spreadZeroBomb(3, 2 * 1024 * 1024));
    const lenient = { ...DEFAULT_BUNDLE_LIMITS, maxRatio: 1_000_000 };
    const { zip, files } = await listBundle(file, lenient);
    const target = await fs.mkdtemp(path.join(scratch, 'counted-'));
    try {
      await assert.rejects(
        unpackEntries(
          zip,
          [...files.values()],
          target,
          { ...DEFAULT_BUNDLE_LIMITS, ratioAfterBytes: 3 * 1024 * 1024 },
          new AbortController().signal,
          () => undefined,
        ),
        {
          code: 'BUNDLE_INVALID',
          message: /together inflate more than 100:1, like a zip bomb/,
        },
      );
    } finally {
      zip.close();
      await fs.rm(target, { recursive: true, force: true });
    }
  });

  test('files project.json does not name are dropped, not unpacked', async () => {
    const file = path.join(scratch, 'extras.zip');
    await writeTestZip(file, [
      ...GOOD,
      { name: 'notes/extra.txt', bytes: Buffer.from('stowaway') },
      { name: 'assets/unlisted.png', bytes: PNG },
      { name: 'run.sh', bytes: Buffer.from('#!/bin/sh') },
    ]);
    const opened = await importZip(file);
    const names = (await fs.readdir(opened.project.path, { recursive: true })).map(String).sort();
    assert.deepEqual(names, ['assets', 'assets/pic.png', 'project.json']);
  });

  test('a full disk is refused before anything is written', async () => {
    const file = path.join(scratch, 'nospace.zip');
    await writeTestZip(file, GOOD);
    const before = await snapshot();
    const context = { signal: new AbortController().signal, progress: () => undefined };
    await assert.rejects(importBundle(file, studio.paths.projectsDir, context, { freeBytes: async () => 1024 }), {
      code: 'TOO_LARGE',
      message: /Not enough free disk space for this bundle/,
    });
    assert.deepEqual(await snapshot(), before);
  });

  test('an over-deep project.json is refused with a typed error', () =>
    refused('deep', [{ name: 'project.json', bytes: Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) }], /nested deeper than 64 levels/));
});
