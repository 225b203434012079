/**
 * A full disk while ffmpeg writes a video export: ffmpeg only says "No space left on
 * device" on its stderr, and that must reach the creator as DISK_FULL, with no partial
 * file and no work folder left. The disk is a real 4 MB tmpfs in a private mount namespace
 * (`unshare -rm`), so the ENOSPC comes from the kernel.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

test('ENOSPC while ffmpeg writes a video gives DISK_FULL and leaves no partial file or work folder', async () => {
  const mount = await tempHome('atelier-video-full-');
  const tmp = await tempHome('atelier-video-tmp-');
  try {
    const script = path.join(REPO_ROOT, 'test/support/video-disk-full-run.ts');
    const run = spawnSync(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=4m tmpfs "$1" && exec "$2" --import tsx "$3" "$1"', 'sh', mount, process.execPath, script],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, TMPDIR: tmp } },
    );
    assert.equal(run.status, 0, `unshare -rm with a tmpfs is needed for this test (root, or user namespaces): ${run.stderr}`);
    const outcome = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    assert.equal(outcome.firstExport.state, 'done', `the video exports while there is room: ${JSON.stringify(outcome.firstExport.error)}`);
    assert.equal(outcome.fillError, 'ENOSPC', 'the tmpfs filled up');
    assert.equal(outcome.failedExport.state, 'failed');
    assert.equal(outcome.failedExport.error?.code, 'DISK_FULL', JSON.stringify(outcome.failedExport.error));
    assert.match(outcome.failedExport.error.message, /disk is full/i);
    assert.deepEqual(outcome.leftovers, [], 'no temp or partial files');
    assert.deepEqual(outcome.workFolders, [], 'no work folder in the temp folder');
  } finally {
    await fs.rm(mount, { recursive: true, force: true });
    await fs.rm(tmp, { recursive: true, force: true });
  }
});
