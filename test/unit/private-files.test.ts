import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeFileAtomic } from '../../main/core/files/atomic-write.js';
import { ensurePrivateDir, ensurePrivateHome, SHARED_FILE_MODE } from '../../main/platform/private-files.js';
import { createFileLogger } from '../../main/platform/log.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

function fresh(): string {
  counter += 1;
  return path.join(root as string, `case-${counter}`);
}

async function modeOf(file: string): Promise<string> {
  return ((await fs.stat(file)).mode & 0o777).toString(8);
}

before(async () => {
  root = await makeTemp('atelier-private-');
});
after(async () => {
  await removeTemp(root);
});

describe('owner-only files and folders', () => {
  test('the atomic writer makes 0600 files, also when it replaces a readable one', async () => {
    const dir = fresh();
    await fs.mkdir(dir);
    const file = path.join(dir, 'project.json');
    await fs.writeFile(file, 'old', { mode: 0o644 });
    await fs.chmod(file, 0o644);
    await writeFileAtomic(file, 'new', { backup: true });
    assert.equal(await modeOf(file), '600');
    await writeFileAtomic(path.join(dir, 'fresh.json'), '{}');
    assert.equal(await modeOf(path.join(dir, 'fresh.json')), '600');
  });

  test('an explicit mode is kept for files written for the creator elsewhere', async () => {
    const dir = fresh();
    await fs.mkdir(dir);
    const file = path.join(dir, 'out.png');
    await writeFileAtomic(file, 'png', { mode: SHARED_FILE_MODE });
    // The umask may narrow it, never widen it; 022 is the usual one.
    assert.equal(await modeOf(file), (SHARED_FILE_MODE & ~process.umask()).toString(8));
  });

  test('ensurePrivateDir makes every missing level 0700', async () => {
    const top = fresh();
    await ensurePrivateDir(path.join(top, 'a', 'b'));
    assert.equal(await modeOf(top), '700');
    assert.equal(await modeOf(path.join(top, 'a')), '700');
    assert.equal(await modeOf(path.join(top, 'a', 'b')), '700');
  });

  test('ensurePrivateHome narrows an existing 0755 data folder this user owns', async () => {
    const home = fresh();
    await fs.mkdir(home, { mode: 0o755 });
    await fs.chmod(home, 0o755);
    await ensurePrivateHome(home);
    assert.equal(await modeOf(home), '700');
  });

  test('the log file is 0600 and an old readable one is narrowed', async () => {
    const logs = fresh();
    await fs.mkdir(logs, { mode: 0o755 });
    await fs.chmod(logs, 0o755);
    await fs.writeFile(path.join(logs, 'atelier.log'), '');
    await fs.chmod(path.join(logs, 'atelier.log'), 0o644);
    const log = createFileLogger(logs);
    log.info('test', 'hello');
    log.close();
    assert.equal(await modeOf(logs), '700');
    assert.equal(await modeOf(path.join(logs, 'atelier.log')), '600');
    const fresher = fresh();
    const second = createFileLogger(path.join(fresher, 'logs'));
    second.info('test', 'hello');
    second.close();
    assert.equal(await modeOf(path.join(fresher, 'logs', 'atelier.log')), '600');
  });
});
