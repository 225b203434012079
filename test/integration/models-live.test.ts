import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import type { InstalledModel } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { tinyGguf } from '../../models/fixtures/model-headers.js';
import { callApi, CLI, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

/**
 * `atelier models import` of a Piper voice folder, and a studio that is already running
 * on the same data folder seeing that model (contract call, /v1/models, models.changed)
 * without a restart. Real processes on real files throughout.
 */
const VOICE = 'en_US-tiny-medium';
let root: string;
let fixtureDir: string;
let voiceDir: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in its own process; async, so a web host's events keep arriving meanwhile. */
function atelier(home: string, args: string[], cwd?: string): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ATELIER_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd && { cwd }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

async function listed(home: string): Promise<InstalledModel[]> {
  const run = await atelier(home, ['models', 'list', '--json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as InstalledModel[];
}

/** A Piper release folder: NAME.onnx and NAME.onnx.json, from the tiny-piper fixture. */
async function voiceFolder(dir: string, name = VOICE): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  await fs.copyFile(path.join(fixtureDir, 'tiny-piper.onnx'), path.join(dir, `${name}.onnx`));
  await fs.copyFile(path.join(fixtureDir, 'tiny-piper.onnx.json'), path.join(dir, `${name}.onnx.json`));
  return dir;
}

/** The models folder's content: model folders, the index, and any staging debris. */
async function modelsFolder(home: string): Promise<string[]> {
  const dir = path.join(home, 'models');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n !== '.partial');
  const staging = await fs.readdir(path.join(dir, '.partial')).catch(() => [] as string[]);
  return [...names, ...staging.map((n) => `.partial/${n}`)].sort();
}

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

async function until<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-piper'] });
  fixtureDir = fixtures['tiny-piper'] as string;
  root = await tempHome('atelier-models-live-');
  voiceDir = await voiceFolder(path.join(root, 'my voices', VOICE));
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('importing a Piper voice folder with the CLI', () => {
  test('a folder path with a space and a trailing slash imports the pair as one voice, which then speaks by id', async () => {
    const home = path.join(root, 'home-folder');
    const run = await atelier(home, ['models', 'import', `${voiceDir}${path.sep}`]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Imported /);
    const [voice, ...others] = await listed(home);
    assert.equal(others.length, 0);
    assert.ok(voice);
    assert.equal(voice.modality, 'voice');
    assert.equal(voice.format, 'piper');
    assert.equal(voice.active, true);
    assert.equal(voice.sourceUrl, voiceDir);
    assert.deepEqual(
      voice.files.map((f) => f.path),
      [`${VOICE}.onnx`, `${VOICE}.onnx.json`],
    );
    assert.equal(voice.path, path.join(home, 'models', voice.id, `${VOICE}.onnx`));
    assert.deepEqual(await fs.readFile(`${voice.path}.json`), await fs.readFile(path.join(voiceDir, `${VOICE}.onnx.json`)));

    const out = path.join(root, 'spoken by id.wav');
    const spoken = await atelier(home, ['voice', '--engine', 'piper', '--voice', voice.id, 'The harbour lights came on.', '-o', out]);
    assert.equal(spoken.status, 0, spoken.stderr);
    const wav = await fs.readFile(out);
    assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(wav.readUInt32LE(24), 16_000, 'the fixture voice’s sample rate');
    assert.ok(wav.length > 44 + 16_000 * 2 * 0.1, `speech, not an empty file (${wav.length} bytes)`);
  });

  test('a relative folder path, the .onnx.json and the .onnx each bring in the same pair', async () => {
    const home = path.join(root, 'home-paths');
    const given = [
      { arg: VOICE, cwd: path.dirname(voiceDir), origin: voiceDir },
      { arg: path.join(voiceDir, `${VOICE}.onnx.json`), origin: path.join(voiceDir, `${VOICE}.onnx.json`) },
      { arg: path.join(voiceDir, `${VOICE}.onnx`), origin: path.join(voiceDir, `${VOICE}.onnx`) },
    ];
    for (const { arg, cwd, origin } of given) {
      const run = await atelier(home, ['models', 'import', arg, '--reference'], cwd);
      assert.equal(run.status, 0, `${arg}: ${run.stderr}`);
      const model = (await listed(home)).find((m) => m.sourceUrl === origin);
      assert.ok(model, `${arg} was imported`);
      assert.equal(model.format, 'piper');
      assert.equal(model.path, path.join(voiceDir, `${VOICE}.onnx`), 'referenced in place, at the .onnx');
      assert.deepEqual(
        model.files.map((f) => f.path),
        [`${VOICE}.onnx`, `${VOICE}.onnx.json`],
      );
    }
    assert.equal(new Set((await listed(home)).map((m) => m.id)).size, 3);
  });

  test('folders that are neither layout are one MODEL_INVALID line that says what was expected, and leave nothing', async () => {
    const home = path.join(root, 'home-refused');
    const plain = path.join(root, 'not a model');
    await fs.mkdir(plain, { recursive: true });
    await fs.writeFile(path.join(plain, 'README.md'), '# my notes\n');
    await fs.writeFile(path.join(plain, 'weights.bin'), Buffer.alloc(1024, 7));
    const lonely = path.join(root, 'lonely voice');
    await fs.mkdir(lonely, { recursive: true });
    await fs.copyFile(path.join(fixtureDir, 'tiny-piper.onnx'), path.join(lonely, 'lonely.onnx'));
    const two = path.join(root, 'two voices');
    await voiceFolder(two, 'en_US-one-medium');
    await voiceFolder(two, 'en_US-two-medium');
    const badConfig = path.join(root, 'bad config');
    await voiceFolder(badConfig, 'odd');
    await fs.writeFile(path.join(badConfig, 'odd.onnx.json'), JSON.stringify({ audio: { sample_rate: 22050 } }));

    const cases: [string, RegExp][] = [
      [
        plain,
        /not a model folder Atelier recognises\. .*Piper voice \(one NAME\.onnx with NAME\.onnx\.json beside it\).*diffusers ONNX pipeline \(model_index\.json/,
      ],
      [lonely, /has lonely\.onnx but not lonely\.onnx\.json beside it/],
      [two, /holds 2 Piper voices \(en_US-one-medium\.onnx, en_US-two-medium\.onnx\); import one of their \.onnx files/],
      [badConfig, /odd\.onnx\.json is not a Piper voice's settings \(phoneme_id_map/],
    ];
    const before = await modelsFolder(home);
    for (const [folder, message] of cases) {
      const run = await atelier(home, ['models', 'import', folder]);
      assert.equal(run.status, 1, `${folder}: ${run.stdout}`);
      assertOneErrorLine(run.stderr, 'MODEL_INVALID', message);
      assert.deepEqual(await modelsFolder(home), before.length ? before : ['registry.json'], `${folder} left nothing behind`);
    }
    assert.deepEqual(await listed(home), []);
  });
});

describe('a studio that is already running', () => {
  let host: RunningWebHost;
  let socket: WebSocket;
  const events: { event: string; payload: any }[] = [];

  before(async () => {
    host = await startWebHostProcess({ home: path.join(root, 'home-live') });
    socket = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['atelier', `bearer.${host.token}`]);
    socket.on('message', (data) => events.push(JSON.parse(data.toString()) as { event: string; payload: any }));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
  });

  after(async () => {
    socket?.close();
    await host?.stop();
  });

  async function studioModels(): Promise<InstalledModel[]> {
    const reply = await callApi(host, 'models.list');
    assert.equal(reply.status, 200, JSON.stringify(reply.error));
    return reply.result as InstalledModel[];
  }

  async function apiModels(): Promise<{ id: string; atelier: { modality: string } }[]> {
    const response = await fetch(`${host.origin}/v1/models`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { data: { id: string; atelier: { modality: string } }[] }).data;
  }

  test('sees a voice `atelier models import` adds from another process, in models.list, /v1/models and a models.changed event', async () => {
    assert.deepEqual(await studioModels(), []);
    const run = await atelier(host.home, ['models', 'import', `${voiceDir}/`]);
    assert.equal(run.status, 0, run.stderr);
    const id = (await listed(host.home))[0]?.id;
    assert.ok(id);

    const inList = await until('the voice in models.list', async () => (await studioModels()).find((m) => m.id === id));
    assert.equal(inList.modality, 'voice');
    assert.equal(inList.active, true);
    const inApi = await until('the voice in /v1/models', async () => (await apiModels()).find((m) => m.id === id));
    assert.equal(inApi.atelier.modality, 'voice');
    const heard = await until('models.changed over the WebSocket', async () => events.find((e) => e.event === 'models.changed' && e.payload.id === id));
    assert.deepEqual(heard.payload, { reason: 'installed', id, modality: 'voice', active: id, previous: null });
  });

  test('hears a voice the CLI removes, and keeps every entry when it and two CLI processes import at once', async () => {
    const [voice] = await studioModels();
    assert.ok(voice);
    const removed = await atelier(host.home, ['models', 'remove', voice.id, '--yes']);
    assert.equal(removed.status, 0, removed.stderr);
    await until('the voice gone from models.list', async () => ((await studioModels()).some((m) => m.id === voice.id) ? undefined : true));
    await until('models.changed removed', async () =>
      events.find((e) => e.event === 'models.changed' && e.payload.reason === 'removed' && e.payload.id === voice.id),
    );
    assert.equal(
      (await apiModels()).some((m) => m.id === voice.id),
      false,
    );

    // The studio (an upload through the Import model… call) and two CLI processes import at once; no entry may be lost.
    const second = await voiceFolder(path.join(root, 'second voice'), 'en_GB-second-medium');
    const gguf = tinyGguf({ name: 'Uploaded Writer' });
    const upload = await fetch(`${host.origin}/upload`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${host.token}`,
        'Content-Type': 'application/octet-stream',
        'X-Atelier-File-Name': encodeURIComponent('uploaded writer.gguf'),
      },
      body: gguf,
    });
    assert.equal(upload.status, 200);
    const { ref } = ((await upload.json()) as { result: { ref: string } }).result;
    const [ticket, cli, other] = await Promise.all([
      callApi(host, 'models.import', { fileRef: ref }),
      atelier(host.home, ['models', 'import', voiceDir]),
      atelier(host.home, ['models', 'import', second, '--reference']),
    ]);
    assert.equal(ticket.status, 200, JSON.stringify(ticket.error));
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(other.status, 0, other.stderr);
    const { jobId } = ticket.result as { jobId: string };
    const done = await until('the studio’s import job', async () => events.find((e) => e.event === 'job.done' && e.payload.job.id === jobId));
    assert.equal(done.payload.job.state, 'done', JSON.stringify(done.payload.job.error));
    const all = await until('all three models in models.list', async () => {
      const models = await studioModels();
      return models.length === 3 ? models : undefined;
    });
    assert.deepEqual(
      all
        .filter((m) => m.modality === 'voice')
        .map((m) => m.sourceUrl)
        .sort(),
      [second, voiceDir].sort(),
    );
    assert.deepEqual((await listed(host.home)).map((m) => m.id).sort(), all.map((m) => m.id).sort(), 'registry.json holds all three');
    const both = all.filter((m) => m.modality === 'voice');
    assert.equal(both.filter((m) => m.active).length, 1, 'one active voice');
  });
});
