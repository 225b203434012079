/**
 * A full disk during a save or an export: DISK_FULL, the previous file intact, no temp
 * file left. The disk is a real 2 MB tmpfs in a private mount namespace (`unshare -rm`:
 * root, or an unprivileged user namespace), so the ENOSPC comes from the kernel.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

test('ENOSPC during a save and an export gives DISK_FULL and keeps the previous files', async () => {
  const mount = await tempHome('atelier-disk-full-');
  try {
    const script = path.join(REPO_ROOT, 'test/support/disk-full-run.ts');
    const run = spawnSync(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=2m tmpfs "$1" && exec "$2" --import tsx "$3" "$1"', 'sh', mount, process.execPath, script],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(run.status, 0, `unshare -rm with a tmpfs is needed for this test (root, or user namespaces): ${run.stderr}`);
    const outcome = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    assert.equal(outcome.fillError, 'ENOSPC', 'the tmpfs filled up');
    assert.equal(outcome.firstExport.state, 'done');
    assert.equal(outcome.saveError?.code, 'DISK_FULL', JSON.stringify(outcome.saveError));
    assert.match(outcome.saveError.message, /disk is full/i);
    assert.equal(outcome.projectUnchanged, true, 'project.json is the previous version');
    assert.equal(outcome.failedExport.state, 'failed');
    assert.equal(outcome.failedExport.error?.code, 'DISK_FULL', JSON.stringify(outcome.failedExport.error));
    assert.deepEqual(outcome.leftovers, [], 'no temp or partial files');
    assert.equal(outcome.saveAfterFreeing, null, 'saving works again once there is room');
  } finally {
    await fs.rm(mount, { recursive: true, force: true });
  }
});
