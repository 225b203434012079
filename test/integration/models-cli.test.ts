import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { tinyGguf } from '../../models/fixtures/model-headers.js';
import { sha256, writeTestCatalog, type TestCatalog } from '../support/model-catalog.js';
import { ModelServer } from '../support/model-server.js';
import { CLI, tempHome } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';

let server: ModelServer;
let catalog: TestCatalog;
let root: string;

before(async () => {
  server = await ModelServer.start();
  root = await tempHome('atelier-models-cli-');
  catalog = await writeTestCatalog(server, path.join(root, 'catalog.json'));
});

after(async () => {
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.length = 0;
  server.behave(catalog.bigTextPath);
});

async function freshHome(): Promise<string> {
  return fs.mkdtemp(path.join(root, 'home-'));
}

function start(
  home: string,
  args: string[],
): { child: ChildProcess; done: Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> } {
  // Not spawnSync: the loopback server lives in this process and must keep answering.
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ATELIER_HOME: home, ATELIER_CATALOG: catalog.file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done };
}

function atelier(home: string, ...args: string[]) {
  return start(home, args).done;
}

/** One `atelier: CODE: message` line, no stack trace. */
function assertOneErrorLine(stderr: string, code: string, pattern: RegExp): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('atelier: '));
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] as string, new RegExp(`^atelier: ${code}: `));
  assert.match(lines[0] as string, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

async function partialSize(home: string, id: string, file: string): Promise<number> {
  return (await fs.stat(path.join(home, 'models', '.partial', id, `${file}.part`)).catch(() => null))?.size ?? 0;
}

async function waitForPartial(home: string, id: string, file: string, bytes: number): Promise<void> {
  await waitFor(`the partial file of ${id} to hold ${bytes} bytes`, async () => (await partialSize(home, id, file)) >= bytes);
}

describe('atelier models on a fresh ATELIER_HOME', () => {
  test('catalog --json lists the catalog and list --json is empty', async () => {
    const home = await freshHome();
    const shown = await atelier(home, 'models', 'catalog', '--json');
    assert.equal(shown.status, 0, shown.stderr);
    const entries = JSON.parse(shown.stdout) as { id: string; totalSize: number; installed: boolean }[];
    assert.deepEqual(
      entries.map((e) => e.id),
      catalog.entries.map((e) => e.id),
    );
    assert.equal(entries[0]?.totalSize, catalog.tinyText.length);
    const table = await atelier(home, 'models', 'catalog');
    assert.match(table.stdout, /tiny-voice/);
    const listed = await atelier(home, 'models', 'list', '--json');
    assert.equal(listed.status, 0);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });

  test('download shows progress, installs the model, and list --json describes it', async () => {
    const home = await freshHome();
    const run = await atelier(home, 'models', 'download', 'big-text');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Download Big Text: \d+% .* of 2\.1 MB/, 'plain progress lines when stderr is not a terminal');
    assert.match(run.stdout, /^Installed big-text \(Big Text, 2\.1 MB\) at .*big-text\.gguf\. It is the active text model\.\n$/);
    const listed = JSON.parse((await atelier(home, 'models', 'list', '--json')).stdout) as Record<string, unknown>[];
    assert.equal(listed.length, 1);
    const [model] = listed as [Record<string, unknown>];
    assert.equal(model.id, 'big-text');
    assert.equal(model.name, 'Big Text');
    assert.equal(model.modality, 'text');
    assert.equal(model.size, catalog.bigText.length);
    assert.equal(model.active, true);
    assert.deepEqual(await fs.readFile(model.path as string), catalog.bigText);
    const table = await atelier(home, 'models', 'list');
    assert.match(table.stdout, /^\*\s+big-text\s+text\s+2\.1 MB\s+Big Text$/m);
  });

  test('a wrong --sha256 is one CHECKSUM_MISMATCH line, exit 1, and leaves nothing', async () => {
    const home = await freshHome();
    const run = await atelier(home, 'models', 'download', server.url('/text/tiny-text.gguf'), '--sha256', 'A'.repeat(64));
    assert.equal(run.status, 1);
    assertOneErrorLine(run.stderr, 'CHECKSUM_MISMATCH', /checksum mismatch/);
    const files = await fs.readdir(path.join(home, 'models'), { recursive: true });
    assert.deepEqual(
      files.filter((f) => !f.startsWith('.partial')),
      ['registry.json'],
    );
    assert.deepEqual(await fs.readdir(path.join(home, 'models', '.partial')).catch(() => []), []);
  });

  test('a download by URL with the right --sha256 installs it', async () => {
    const home = await freshHome();
    const run = await atelier(home, 'models', 'download', server.url('/text/tiny-text.gguf'), '--sha256', sha256(catalog.tinyText));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Installed tiny-text \(Tiny Text/);
  });

  test('a 404 is one DOWNLOAD_FAILED line naming the status, and a non-zero exit', async () => {
    const home = await freshHome();
    const run = await atelier(home, 'models', 'download', 'gone');
    assert.equal(run.status, 1);
    assertOneErrorLine(run.stderr, 'DOWNLOAD_FAILED', /HTTP 404/);
  });

  test('an unknown catalog id and a bad option are clear', async () => {
    const home = await freshHome();
    const unknown = await atelier(home, 'models', 'download', 'no-such-model');
    assert.equal(unknown.status, 1);
    assertOneErrorLine(unknown.stderr, 'NOT_FOUND', /no-such-model/);
    const option = await atelier(home, 'models', 'download', 'tiny-text', '--sha256', 'f'.repeat(64));
    assert.equal(option.status, 2);
    assert.match(option.stderr, /^atelier: --sha256 is for downloads by address/);
  });

  test('a CLI download killed half-way resumes from its .part in a new process', async () => {
    const home = await freshHome();
    const size = catalog.bigText.length;
    const half = Math.floor(size / 2);
    server.misbehave(catalog.bigTextPath, { stallAfter: half });
    const first = start(home, ['models', 'download', 'big-text']);
    await waitForPartial(home, 'big-text', 'big-text.gguf', half);
    first.child.kill('SIGKILL');
    assert.equal((await first.done).signal, 'SIGKILL');
    server.behave(catalog.bigTextPath);
    server.requests.length = 0;

    const second = await atelier(home, 'models', 'download', 'big-text');
    assert.equal(second.status, 0, second.stderr);
    const served = server.requestsFor(catalog.bigTextPath);
    assert.equal(served.length, 1);
    assert.equal(served[0]?.range, `bytes=${half}-`);
    assert.equal(served[0]?.bytesSent, size - half);
    const [model] = JSON.parse((await atelier(home, 'models', 'list', '--json')).stdout) as [{ path: string }];
    assert.deepEqual(await fs.readFile(model.path), catalog.bigText);
  });

  test('Ctrl+C stops a download, says so in one line and keeps the partial file', async () => {
    const home = await freshHome();
    server.misbehave(catalog.bigTextPath, { stallAfter: 200_000 });
    const run = start(home, ['models', 'download', 'big-text']);
    await waitForPartial(home, 'big-text', 'big-text.gguf', 200_000);
    run.child.kill('SIGINT');
    const result = await run.done;
    assert.equal(result.status, 130);
    assertOneErrorLine(result.stderr, 'CANCELLED', /partial download is kept/);
    assert.equal(await partialSize(home, 'big-text', 'big-text.gguf'), 200_000);
    assert.deepEqual(JSON.parse((await atelier(home, 'models', 'list', '--json')).stdout), []);
  });

  test('import, import --reference, use and remove', async () => {
    const home = await freshHome();
    const mine = path.join(home, 'mine');
    await fs.mkdir(mine);
    const copied = path.join(mine, 'story-writer.gguf');
    const referenced = path.join(mine, 'big-writer.gguf');
    await fs.writeFile(copied, tinyGguf({ name: 'Story Writer' }));
    await fs.writeFile(referenced, tinyGguf({ name: 'Big Writer' }));
    const fake = path.join(mine, 'fake.gguf');
    await fs.writeFile(fake, 'this is a shopping list, not a model\n');

    const refused = await atelier(home, 'models', 'import', fake);
    assert.equal(refused.status, 1);
    assertOneErrorLine(refused.stderr, 'MODEL_INVALID', /fake\.gguf is not a model/);

    const one = await atelier(home, 'models', 'import', copied);
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /^Imported story-writer \(Story Writer/);
    const two = await atelier(home, 'models', 'import', referenced, '--reference');
    assert.equal(two.status, 0, two.stderr);
    assert.match(two.stdout, /^Referenced big-writer/);

    const use = await atelier(home, 'models', 'use', 'big-writer');
    assert.equal(use.status, 0, use.stderr);
    assert.equal(use.stdout, 'Now using Big Writer (big-writer) for text.\n');
    const listed = JSON.parse((await atelier(home, 'models', 'list', '--json')).stdout) as { id: string; active: boolean; path: string }[];
    assert.deepEqual(
      listed.map((m) => [m.id, m.active]),
      [
        ['story-writer', false],
        ['big-writer', true],
      ],
    );
    assert.equal(listed[1]?.path, referenced);

    const unconfirmed = await atelier(home, 'models', 'remove', 'big-writer');
    assert.equal(unconfirmed.status, 2);
    assert.match(unconfirmed.stderr, /pass --yes to confirm/);
    const removed = await atelier(home, 'models', 'remove', 'big-writer', '--yes');
    assert.equal(removed.status, 0, removed.stderr);
    assert.match(removed.stdout, /its files were left where they are/);
    assert.ok((await fs.stat(referenced)).isFile(), 'a referenced file survives removal');
    const gone = await atelier(home, 'models', 'remove', 'story-writer', '--yes');
    assert.equal(gone.status, 0);
    assert.match(gone.stdout, /and its files/);
    assert.deepEqual(JSON.parse((await atelier(home, 'models', 'list', '--json')).stdout), []);
  });
});
