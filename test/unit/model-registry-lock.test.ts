import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { withFileLock } from '../../main/core/files/file-lock.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;

before(async () => {
  root = await makeTemp('atelier-registry-lock-');
});
after(async () => {
  await removeTemp(root);
});

describe('the models folder lock', () => {
  test('a second holder waits for the first, and the lock file is gone afterwards', async () => {
    const lockFile = path.join(root as string, 'wait.lock');
    const order: string[] = [];
    let release = () => undefined as void;
    const first = withFileLock(lockFile, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    while (order.length === 0) await new Promise((r) => setTimeout(r, 5));
    const second = withFileLock(lockFile, async () => void order.push('second'));
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(order, ['first in'], 'the second holder is still waiting');
    assert.equal((await fs.readFile(lockFile, 'utf8')).trim(), String(process.pid));
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first in', 'first out', 'second']);
    await assert.rejects(fs.stat(lockFile), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  });

  test('a lock left by a process that died is taken over at once', async () => {
    const lockFile = path.join(root as string, 'dead.lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await fs.writeFile(lockFile, `${gone.stdout}\n`);
    const started = Date.now();
    assert.equal(await withFileLock(lockFile, async () => 'ran'), 'ran');
    assert.ok(Date.now() - started < 2_000, 'no waiting for the dead owner');
    await assert.rejects(fs.stat(lockFile), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  });

  test('an empty lock (its writer killed between creating it and writing its pid) is waited for a moment, then taken over', async () => {
    const lockFile = path.join(root as string, 'empty.lock');
    await fs.writeFile(lockFile, '');
    const past = new Date(Date.now() - 5_000);
    await fs.utimes(lockFile, past, past);
    const started = Date.now();
    assert.equal(await withFileLock(lockFile, async () => 'ran'), 'ran');
    assert.ok(Date.now() - started < 2_000, 'no waiting for an owner that never wrote its pid');
    // A fresh empty lock may be a writer about to write its pid: it is waited on, not broken at once.
    await fs.writeFile(lockFile, '');
    let ran = false;
    const waiting = withFileLock(lockFile, async () => void (ran = true));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(ran, false, 'a fresh empty lock is waited on');
    await waiting;
    assert.equal(ran, true, 'and taken over once it is old enough');
  });

  test('an error in the work still releases the lock', async () => {
    const lockFile = path.join(root as string, 'error.lock');
    await assert.rejects(
      withFileLock(lockFile, async () => Promise.reject(new Error('disk said no'))),
      /disk said no/,
    );
    assert.equal(await withFileLock(lockFile, async () => 'again'), 'again');
  });
});
