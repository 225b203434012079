import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { makeWorkFolder, removeStaleWorkFolders } from '../../main/core/files/work-folder.js';

/** The pid of a process that has exited (a killed export). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('work folders carry the pid; those of dead processes go, live ones, other names, files and other users’ folders stay', async () => {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-work-parent-'));
  try {
    const live = await makeWorkFolder('video', parent);
    assert.match(path.basename(live), new RegExp(`^atelier-video-${process.pid}-[A-Za-z0-9]{6}$`));
    const dead = deadPid();
    const names = {
      deadVideo: `atelier-video-${dead}-AbC123`,
      deadExport: `atelier-export-${dead}-x9y8z7`,
      parentProcess: `atelier-video-${process.ppid}-aaaaaa`,
      noPid: 'atelier-video-AbC123',
      deadSpeech: `atelier-speech-${dead}-Sp33ch`,
      otherKind: `atelier-sound-${dead}-AbC123`,
      otherProgram: `video-${dead}-AbC123`,
      otherUser: `atelier-video-${dead}-nobody`,
    };
    for (const name of Object.values(names)) await fs.mkdir(path.join(parent, name));
    await fs.writeFile(path.join(parent, names.deadVideo, 'frame-0.png'), 'x');
    const aFile = `atelier-export-${dead}-file00`;
    await fs.writeFile(path.join(parent, aFile), 'x');
    const root = process.getuid?.() === 0;
    if (root) await fs.chown(path.join(parent, names.otherUser), 65534, 65534);

    const removed = await removeStaleWorkFolders(parent);
    assert.deepEqual(removed.sort(), [names.deadVideo, names.deadExport, names.deadSpeech, ...(root ? [] : [names.otherUser])].sort());
    const left = await fs.readdir(parent);
    for (const kept of [path.basename(live), names.parentProcess, names.noPid, names.otherKind, names.otherProgram, aFile, ...(root ? [names.otherUser] : [])])
      assert.ok(left.includes(kept), kept);
  } finally {
    await fs.rm(parent, { recursive: true, force: true });
  }
});

test('a temp folder that cannot be read has no stale work folders', async () => {
  assert.deepEqual(await removeStaleWorkFolders(path.join(os.tmpdir(), 'atelier-no-such-folder', 'x')), []);
});
