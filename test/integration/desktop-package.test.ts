import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string): string[]; extractFile(archive: string, file: string): Buffer };

// electron-builder cannot fetch Electron here, so it packs around a stub binary:
// enough to check the config, the file selection and what lands in the asar.
test('electron-builder packs the bundles and runtime dependencies, and nothing else', async () => {
  const work = await tempHome('atelier-pack-');
  const stub = path.join(work, 'electron-dist');
  await fs.mkdir(stub);
  await fs.writeFile(path.join(stub, 'electron'), '#!/bin/sh\necho stub\n', { mode: 0o755 });
  const out = path.join(work, 'release');
  // Named, because electron-builder otherwise reads it from an installed electron package,
  // which npm drops when Electron's binary download fails.
  const ownManifest = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
  const electronVersion = ownManifest.optionalDependencies.electron;
  assert.ok(electronVersion, 'package.json pins electron');
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--dir',
      '--linux',
      `-c.electronDist=${stub}`,
      `-c.electronVersion=${electronVersion}`,
      '-c.npmRebuild=false',
      '--config',
      'electron-builder.yml',
      `-c.directories.output=${out}`,
    ],
    // TMPDIR: electron-builder's scratch files, and the cache of the jiti it loads (a fixed
    // `jiti` folder in the temporary directory), stay in this test's own folder.
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', TMPDIR: work } },
  );
  assert.equal(result.status, 0, result.stderr + result.stdout);

  const resources = path.join(out, 'linux-unpacked', 'resources');
  const archive = path.join(resources, 'app.asar');
  const files = asar.listPackage(archive).map((f) => f.replaceAll('\\', '/'));
  for (const expected of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/models/catalog.json']) {
    assert.ok(files.includes(expected), `${expected} is packed`);
  }
  assert.ok(
    files.some((f) => f.startsWith('/node_modules/zod/')),
    'runtime dependencies are packed',
  );
  const leaked = files.filter(
    (f) => /^\/(main|preload|renderer|test|bench|scripts|models\/fixtures)\//.test(f) || f.endsWith('.map') || f.startsWith('/dist/cli'),
  );
  assert.deepEqual(leaked, [], 'sources, tests, source maps and the CLI stay out');
  assert.ok(!files.some((f) => f.startsWith('/node_modules/react/') || f.startsWith('/node_modules/vite/')), 'dev dependencies stay out');

  const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string; license: string };
  assert.equal(manifest.main, 'dist/electron/main.cjs');
  assert.equal(manifest.license, 'GPL-3.0-or-later');
  await fs.access(path.join(resources, 'app.asar.unpacked', 'node_modules', 'sharp', 'package.json'));
  // Engine host entries are spawned from real files, next to the native runtimes they load.
  const unpacked = path.join(resources, 'app.asar.unpacked');
  await fs.access(path.join(unpacked, 'dist', 'workers', 'llama-host.mjs'));
  await fs.access(path.join(unpacked, 'dist', 'workers', 'piper-host.mjs'));
  await fs.access(path.join(unpacked, 'node_modules', '@node-llama-cpp', 'linux-x64', 'package.json'));
  await fs.access(path.join(unpacked, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', 'linux', 'x64'));
  const llamaBuilds = await fs.readdir(path.join(unpacked, 'node_modules', '@node-llama-cpp'));
  assert.deepEqual(
    llamaBuilds.filter((name) => /cuda|^mac-|^win-/.test(name)),
    [],
    'CUDA builds (~540 MB) and other platforms’ llama.cpp builds stay out of a Linux package',
  );
  const ortPlatforms = await fs.readdir(path.join(unpacked, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6'));
  assert.deepEqual(ortPlatforms, ['linux']);
  await fs.rm(work, { recursive: true, force: true });
});
