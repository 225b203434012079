import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { missingTools, missingToolsHint, onPath } from '../../scripts/test-tools.mjs';

let bin: string;
let empty: string;

before(async () => {
  bin = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-tools-'));
  empty = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-tools-empty-'));
  await fs.writeFile(path.join(bin, 'identify'), '#!/bin/sh\n', { mode: 0o755 });
  await fs.writeFile(path.join(bin, 'unzip'), '#!/bin/sh\n', { mode: 0o644 });
  await fs.mkdir(path.join(bin, 'ffmpeg-folder'));
});

after(async () => {
  await fs.rm(bin, { recursive: true, force: true });
  await fs.rm(empty, { recursive: true, force: true });
});

test('a tool counts only as an executable file in a PATH folder; missing folders and empty entries are skipped', () => {
  const env = { PATH: ['', path.join(empty, 'gone'), empty, bin].join(path.delimiter) };
  assert.equal(onPath('identify', env), true);
  assert.equal(onPath('unzip', env), false, 'a file that cannot be run is not the tool');
  assert.equal(onPath('ffmpeg-folder', env), false, 'a folder is not the tool');
  assert.equal(onPath('identify', { PATH: empty }), false);
  assert.equal(onPath('identify', {}), false);
});

test('only the suites asked for are checked, and the hint names every missing program with one install line', () => {
  const env = { PATH: bin };
  const names = (suites: string[]) => missingTools(suites, env).map((tool) => tool.name);
  assert.ok(!names(['integration']).includes('identify'));
  assert.ok(names(['integration']).includes('unzip'));
  assert.ok(!names(['e2e']).includes('unzip'), 'the browser tests do not unzip');
  assert.ok(!names(['unit', 'e2e']).includes('identify'));

  const none = missingTools(['integration'], { PATH: empty });
  const hint = missingToolsHint(none);
  assert.match(hint, /identify \(/);
  assert.match(hint, /unzip \(/);
  assert.match(hint, /sudo apt-get install .*imagemagick/);
  const line = hint.slice(hint.indexOf('sudo apt-get install'));
  const packages = line.replace('sudo apt-get install ', '').split(' ');
  assert.equal(new Set(packages).size, packages.length, 'each package named once');
});
