import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { callApi, CLI, REPO_ROOT, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';

// `atelier --version`, `--help` and `<command> --help` answer from the help texts alone: the
// libraries a command uses load when it runs, never before (issue 15: start-up).
const TRACE_HOOK = fileURLToPath(new URL('../support/load-trace.mjs', import.meta.url));
const HEAVY = /[\\/]node_modules[\\/](sharp|fastify|@fastify[\\/][^\\/]+|zod|onnxruntime-node|node-llama-cpp|pdf-lib|sherpa-onnx-node|yazl|yauzl)[\\/]/;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-load-trace-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Runs the CLI with the load trace on; returns its exit status and the heavy libraries it loaded. */
function traced(args: string[]): { status: number | null; stdout: string; heavy: string[] } {
  const file = path.join(dir, `trace-${(runs += 1)}.txt`);
  const child = spawnSync(process.execPath, ['--import', TRACE_HOOK, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOAD_TRACE: file, ATELIER_HOME: path.join(dir, 'home') },
  });
  const loaded = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  assert.ok(
    loaded.some((line) => line.includes('atelier.mjs')),
    `the trace saw the CLI load:\n${child.stderr}`,
  );
  return { status: child.status, stdout: child.stdout, heavy: heavyIn(loaded) };
}

/** The heavy libraries among the loaded files: from node_modules, or bundled into a loaded chunk. */
function heavyIn(loaded: string[]): string[] {
  const heavy = new Set(loaded.map((line) => HEAVY.exec(line)?.[1]).filter((name): name is string => name !== undefined));
  for (const line of loaded) if (/[\\/]dist[\\/]cli[\\/].+\.[cm]js$/.test(line)) for (const name of bundledIn(line)) heavy.add(name);
  return [...heavy].sort();
}

// zod, fastify and the plugins the web host registers are bundled into the CLI's chunks and
// into the CommonJS bundle `atelier serve` runs (scripts/build.mjs); esbuild marks each bundled
// file with its path, so a loaded chunk that holds one of theirs counts as that library loaded.
const BUNDLED_MARK = /^\/\/ node_modules\/(zod|fastify|@fastify\/[^/]+)\//gm;
const chunkContents = new Map<string, string[]>();
function bundledIn(line: string): string[] {
  const file = line.startsWith('file:') ? fileURLToPath(line) : line;
  if (!chunkContents.has(file)) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    chunkContents.set(file, [...new Set([...text.matchAll(BUNDLED_MARK)].map((match) => match[1] as string))]);
  }
  return chunkContents.get(file) ?? [];
}

for (const args of [
  ['--version'],
  ['--help'],
  ['image', '--help'],
  ['image', 'upscale', '-h'],
  ['serve', '--help'],
  ['models', 'list', '--help'],
  ['export', '-h'],
  ['project', 'import', '--help'],
]) {
  test(`atelier ${args.join(' ')} loads none of the heavy libraries`, () => {
    const run = traced(args);
    assert.equal(run.status, 0);
    assert.ok(run.stdout.length > 0);
    assert.deepEqual(run.heavy, []);
  });
}

// The trace itself must see a library when one loads, or the tests above could not fail.
test('a command that runs loads its libraries, and the trace sees them', () => {
  const serve = traced(['serve', '--port', 'not-a-port']);
  assert.equal(serve.status, 2);
  assert.ok(serve.heavy.includes('fastify'), `serve loaded ${serve.heavy.join(', ')}`);
  // sharp itself loads on first use: when a picture is drawn, not when the image command starts.
  const image = traced(['image', '--template', 'gradient', '--size', '64x64', '-o', path.join(dir, 'first-use.png')]);
  assert.equal(image.status, 0);
  assert.ok(fs.statSync(path.join(dir, 'first-use.png')).size > 0);
  assert.ok(image.heavy.includes('zod') && image.heavy.includes('sharp'), `image loaded ${image.heavy.join(', ')}`);
});

// Fastify's JSON-schema compilers (ajv, fast-json-stringify) are made on first use: no route
// of Atelier's declares a schema, so a running `atelier serve` never loads them. Nor wavefile,
// needed only to read a WAV file.
test('atelier serve starts and answers without loading the JSON-schema compilers or wavefile', async () => {
  const file = path.join(dir, 'trace-serve.txt');
  const child = spawn(process.execPath, ['--import', TRACE_HOOK, CLI, 'serve', '--port', '0'], {
    env: { ...process.env, LOAD_TRACE: file, ATELIER_HOME: path.join(dir, 'home-serve') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /running at (\S+)/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before its URL:\n${out}`)));
  });
  const { origin, searchParams } = new URL(url);
  const reply = await fetch(`${origin}/api/projects.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${searchParams.get('token')}` },
    body: '{}',
  });
  assert.equal(reply.status, 200);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const loaded = fs.readFileSync(file, 'utf8');
  assert.ok(heavyIn(loaded.split('\n')).includes('fastify'), 'the trace saw fastify load');
  // (fastify's precompiled error serializer needs only fast-json-stringify's small runtime.) The
  // compilers are never bundled, so a load would show as a file from node_modules.
  assert.doesNotMatch(loaded, /[\\/]node_modules[\\/](ajv|ajv-formats|@fastify[\\/](ajv-compiler|fast-json-stringify-compiler)|wavefile)[\\/]/);
});

// zod's forty-odd locales are re-exported through one namespace, so a bundler keeps them all;
// the build gives zod an English-only locales module instead (scripts/build.mjs, zodEnglishOnly).
test('the CLI bundles carry zod with its English messages only, and they still read in English', () => {
  const cliDir = path.join(REPO_ROOT, 'dist', 'cli');
  const chunks = fs.readdirSync(cliDir).filter((name) => name.endsWith('.mjs'));
  const locales = new Set(
    chunks.flatMap((name) =>
      [...fs.readFileSync(path.join(cliDir, name), 'utf8').matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/([\w-]+)\.js$/gm)].map((m) => m[1]),
    ),
  );
  assert.deepEqual([...locales], ['en']);
  // The bundled zod itself, as the CLI loads it: a refused value reads in English.
  const zodChunk = chunks.find((name) => fs.readFileSync(path.join(cliDir, name), 'utf8').includes('// node_modules/zod/v4/classic/schemas.js'));
  assert.ok(zodChunk, 'a chunk bundles zod');
  const probe = `const m = await import(${JSON.stringify(path.join(cliDir, zodChunk))});
const z = Object.values(m).find((v) => v && typeof v.object === 'function' && typeof v.string === 'function');
console.log(z.object({ a: z.string() }).safeParse({ a: 1 }).error.issues[0].message);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'Invalid input: expected string, received number');
});

/** Exports the project in `format` through a running host and waits for the job; returns the file's size. */
async function exportThrough(host: RunningWebHost, projectId: string, format: 'zip' | 'pdf'): Promise<number> {
  const ticket = await callApi(host, 'projects.export', { projectId, format });
  assert.equal(ticket.status, 200, JSON.stringify(ticket.error));
  const { jobId } = ticket.result as { jobId: string };
  for (;;) {
    const jobs = (await callApi(host, 'jobs.list')).result as { id: string; state: string; error?: { message: string }; result?: { path: string } }[];
    const job = jobs.find((j) => j.id === jobId);
    assert.ok(job, 'the export job is listed');
    assert.ok(job.state !== 'failed' && job.state !== 'cancelled', job.error?.message);
    if (job.state === 'done' && job.result) return fs.statSync(job.result.path).size;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// `atelier serve` runs the CLI's CommonJS bundle through V8's code cache (bin/code-cache.mjs):
// the first launch writes the cache, the next uses it and leaves it alone (a refused cache would
// be written again). Both exports need a package loaded on first use (yazl, pdf-lib), which the
// bundle requires: an import() there would fail only on the launches that use the cache.
test('atelier serve writes its code cache once and runs from it on the next launch, exports included', async () => {
  const cacheDir = path.join(dir, 'code-cache');
  const env = { ATELIER_CODE_CACHE: cacheDir };
  const home = path.join(dir, 'home-cached');
  fs.mkdirSync(home);
  const first = await startWebHostProcess({ home, env });
  let project: { id: string };
  try {
    project = (await callApi(first, 'projects.create', { title: 'Cached' })).result as { id: string };
    assert.ok((await exportThrough(first, project.id, 'zip')) > 0);
  } finally {
    await first.stop();
  }
  const caches = fs.readdirSync(cacheDir).filter((name) => name.endsWith('.v8'));
  assert.equal(caches.length, 1, `one cache: ${caches.join(', ')}`);
  const cache = path.join(cacheDir, caches[0] as string);
  const written = fs.statSync(cache);

  const second = await startWebHostProcess({ home, env });
  try {
    assert.ok((await exportThrough(second, project.id, 'pdf')) > 0);
    assert.ok((await exportThrough(second, project.id, 'zip')) > 0);
  } finally {
    await second.stop();
  }
  const after = fs.statSync(cache);
  assert.equal(after.ino, written.ino, 'the second launch used the cache instead of writing a new one');
  assert.equal(after.mtimeMs, written.mtimeMs);
});
