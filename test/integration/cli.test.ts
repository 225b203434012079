import fs from 'node:fs';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT, startWebHostProcess, tempHome, runCli } from '../support/web-host.js';

const pkg = JSON.parse(fs.readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string; bin: Record<string, string> };

/** Every run gets a data folder of its own, never the user's real one. */
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-cli-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

function atelier(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(args, { ATELIER_HOME: home, ...env });
}

test('the bin is an executable node script', () => {
  const file = `${REPO_ROOT}/${pkg.bin.atelier}`;
  assert.match(fs.readFileSync(file, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok((fs.statSync(file).mode & 0o111) !== 0, 'executable bit set');
});

test('--version prints the package version', () => {
  const run = atelier(['--version']);
  assert.equal(run.status, 0);
  assert.equal(run.stdout.trim(), pkg.version);
});

test('--help lists the commands', () => {
  const run = atelier(['--help']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /Usage: atelier <command>/);
  assert.match(run.stdout, /serve/);
});

test('an unknown command is one clear line and exit 2', () => {
  const run = atelier(['paint']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^atelier: unknown command 'paint'\./);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});

test('a bad serve option is refused without a stack trace', () => {
  const run = atelier(['serve', '--port', 'eighty'], { ATELIER_HOME: fs.mkdtempSync(path.join(home, 'serve-')) });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--port must be a number/);
  const unknown = atelier(['serve', '--colour']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^atelier: .*--colour/);
  assert.doesNotMatch(unknown.stderr, /\n\s+at /);
});

test('a port in use is explained', async () => {
  const first = await startWebHostProcess();
  const secondHome = await tempHome();
  try {
    const run = atelier(['serve', '--port', new URL(first.origin).port], { ATELIER_HOME: secondHome });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /already in use/);
  } finally {
    await first.stop();
    for (const dir of [first.home, secondHome]) fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('serve stays on loopback by default and stops cleanly on SIGTERM', async () => {
  const host = await startWebHostProcess();
  try {
    assert.equal(new URL(host.origin).hostname, '127.0.0.1');
    await host.stop();
    assert.equal(host.process.exitCode, 0);
  } finally {
    await host.stop();
    fs.rmSync(host.home, { recursive: true, force: true });
  }
});

test('a data folder that cannot be made is explained in one line, for serve and for every other command', () => {
  const blocker = path.join(home, 'not-a-folder');
  fs.writeFileSync(blocker, 'a file where the data folder should be');
  for (const [args, where] of [
    [['project', 'list'], blocker],
    [['serve', '--port', '0'], blocker],
    [['project', 'list'], path.join(blocker, 'inside')],
  ] as const) {
    const run = atelier([...args], { ATELIER_HOME: where });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stderr,
      `atelier: IO_ERROR: Atelier's data folder ${where} cannot be made: a file is in the way (a file, not a folder, has that name or a part of it). Set ATELIER_HOME to a folder you own to keep everything there instead.\n`,
    );
  }
});
