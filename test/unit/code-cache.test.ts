// bin/code-cache.mjs: `atelier serve` runs its CommonJS bundle through V8's code cache. The
// cache must be used when it matches, rebuilt when the bundle changes, and never matter when it
// is damaged or cannot be written. Each run is a child process, as the real launch is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { codeCacheDir } from '../../bin/code-cache.mjs';
import { REPO_ROOT } from '../support/web-host.js';

const LOADER = pathToFileURL(path.join(REPO_ROOT, 'bin', 'code-cache.mjs')).href;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-code-cache-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A bundle-like CommonJS file: its own require and module, some functions to cache. */
function writeScript(file: string, word: string): void {
  const body = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${JSON.stringify(word)}.length; }`).join('\n');
  fs.writeFileSync(
    file,
    `${body}
let sum = 0; for (let i = 0; i < 200; i++) sum += eval('f' + i)(i);
const here = require.cache[__filename] === module;
setImmediate(() => console.log(JSON.stringify({ word: ${JSON.stringify(word)}, sum, here, base: require('node:path').basename(__filename), dir: __dirname })));
`,
  );
}

/** A bundle in its own folder under the test's root, with `word` in it, and a cache folder beside it. */
function bundleIn(folder: string, word: string): { file: string; dir: string } {
  const file = path.join(root, folder, 'bundle.cjs');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeScript(file, word);
  return { file, dir: path.join(root, folder, 'cache') };
}

/** Runs `file` through the loader with `dir` as the cache folder. */
function run(file: string, dir: string): { used: boolean; out: { word: string; sum: number; here: boolean; base: string; dir: string } } {
  const probe = `import { runWithCodeCache } from ${JSON.stringify(LOADER)}; const used = runWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(dir)}); process.on('exit', () => console.log(JSON.stringify({ used })));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const [out, used] = child.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { used: (used as { used: boolean }).used, out: out as ReturnType<typeof run>['out'] };
}

const cachesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.v8')) : []);

test('the first run writes a cache, the next runs use it and leave it as it is', () => {
  const { file, dir } = bundleIn('first', 'lamp');
  const first = run(file, dir);
  assert.equal(first.used, false);
  const sum = Array.from({ length: 200 }, (_, i) => i * i + 'lamp'.length).reduce((a, b) => a + b, 0);
  assert.deepEqual(first.out, { word: 'lamp', sum, here: true, base: 'bundle.cjs', dir: path.dirname(file) });
  const caches = cachesIn(dir);
  assert.equal(caches.length, 1, `one cache for the bundle: ${caches.join(', ')}`);
  const cache = caches[0] as string;
  assert.ok(cache.startsWith('bundle.cjs-'), cache);
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700, 'the cache folder is the user’s alone');
  const before = fs.statSync(path.join(dir, cache));
  for (let i = 0; i < 2; i++) {
    const again = run(file, dir);
    assert.equal(again.used, true);
    assert.equal(again.out.word, 'lamp');
  }
  const later = fs.statSync(path.join(dir, cache));
  assert.equal(later.ino, before.ino, 'an accepted cache is not written again');
  assert.equal(later.mtimeMs, before.mtimeMs);
});

test('a rebuilt bundle gets a cache of its own and the old one is removed, even at the same length', () => {
  const { file, dir } = bundleIn('rebuilt', 'lamp');
  run(file, dir);
  const [old] = cachesIn(dir);
  // Same length, other code: V8 alone would take the old cache (it checks the source's length).
  writeScript(file, 'wick');
  fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const rebuilt = run(file, dir);
  assert.equal(rebuilt.used, false);
  assert.equal(rebuilt.out.word, 'wick');
  assert.equal(cachesIn(dir).length, 1);
  assert.notEqual(cachesIn(dir)[0], old);
  assert.equal(run(file, dir).used, true);
});

test('a damaged cache is refused, the bundle still runs, and the cache is written again', () => {
  const { file, dir } = bundleIn('damaged', 'lamp');
  run(file, dir);
  const cache = path.join(dir, cachesIn(dir)[0] as string);
  const bytes = fs.readFileSync(cache);
  fs.writeFileSync(cache, Buffer.alloc(bytes.length, 0x5a));
  const damaged = run(file, dir);
  assert.equal(damaged.used, false);
  assert.equal(damaged.out.word, 'lamp');
  assert.equal(run(file, dir).used, true, 'the rewritten cache is good');
  fs.writeFileSync(cache, bytes.subarray(0, 100));
  assert.equal(run(file, dir).used, false, 'a cut-off cache is refused too');
});

test('a cache folder that cannot be made costs nothing but the cache', () => {
  const { file } = bundleIn('unwritable', 'lamp');
  const blocker = path.join(root, 'unwritable', 'not-a-folder');
  fs.writeFileSync(blocker, '');
  for (let i = 0; i < 2; i++) {
    const blocked = run(file, path.join(blocker, 'cache'));
    assert.equal(blocked.used, false);
    assert.equal(blocked.out.word, 'lamp');
  }
});

test('the cache lives in the platform’s per-user cache folder, or where ATELIER_CODE_CACHE says', () => {
  const home = () => '/home/ada';
  assert.equal(codeCacheDir({}, 'linux', home), '/home/ada/.cache/atelier/code-cache');
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', home), '/var/cache/ada/atelier/code-cache');
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', home), '/home/ada/.cache/atelier/code-cache', 'a relative XDG path is ignored');
  assert.equal(codeCacheDir({}, 'darwin', home), '/home/ada/Library/Caches/atelier/code-cache');
  assert.equal(
    codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', () => 'C:\\Users\\ada'),
    'C:\\Users\\ada\\AppData\\Local\\atelier\\code-cache',
  );
  assert.equal(codeCacheDir({ ATELIER_CODE_CACHE: '/tmp/mine' }, 'linux', home), '/tmp/mine');
  assert.equal(codeCacheDir({ ATELIER_CODE_CACHE: 'mine' }, 'linux', home), '/home/ada/.cache/atelier/code-cache');
  // No home folder, or a relative one: no cache rather than one in the working folder.
  const noHome = () => {
    throw new Error('ENOENT: no passwd entry');
  };
  assert.equal(codeCacheDir({}, 'linux', noHome), undefined);
  assert.equal(
    codeCacheDir({}, 'linux', () => ''),
    undefined,
  );
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', noHome), '/var/cache/ada/atelier/code-cache');
});

test('without a cache folder the bundle runs as it is', () => {
  const { file } = bundleIn('nowhere', 'lamp');
  const probe = `import { runWithCodeCache } from ${JSON.stringify(LOADER)}; console.log(runWithCodeCache(${JSON.stringify(file)}, undefined));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', cwd: path.dirname(file) });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(child.stdout.trim().split('\n'), [
    'false',
    JSON.stringify({ word: 'lamp', sum: 2647500, here: true, base: 'bundle.cjs', dir: path.dirname(file) }),
  ]);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['bundle.cjs'], 'nothing written beside it');
});

test('a bundle with non-ASCII text reads as UTF-8, from the cache too (an ASCII one reads as Latin-1)', () => {
  const { file, dir } = bundleIn('utf8', 'café ‘ü’ 灯');
  assert.deepEqual(
    [run(file, dir), run(file, dir)].map((r) => [r.used, r.out.word]),
    [
      [false, 'café ‘ü’ 灯'],
      [true, 'café ‘ü’ 灯'],
    ],
  );
});

test('two installs with one cache folder keep a cache each', () => {
  const dir = path.join(root, 'installs', 'cache');
  const [a, b] = ['one', 'two'].map((install) => path.join(root, 'installs', install, 'bundle.cjs')) as [string, string];
  for (const [file, word] of [
    [a, 'lamp'],
    [b, 'wick'],
  ] as const) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeScript(file, word);
    assert.equal(run(file, dir).used, false);
  }
  assert.equal(cachesIn(dir).length, 2);
  assert.deepEqual(
    [run(a, dir), run(b, dir)].map((r) => [r.used, r.out.word]),
    [
      [true, 'lamp'],
      [true, 'wick'],
    ],
  );
});
