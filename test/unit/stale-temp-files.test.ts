import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { removeStaleTempFiles, staleTempFolders } from '../../main/core/files/stale-temp-files.js';
import { tempNameFor } from '../../main/core/files/atomic-write.js';

/** The pid of a process that has exited (a killed writer). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('temp files of dead writers are removed; those of live ones and other files are kept', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-stale-'));
  try {
    const dead = deadPid();
    const names = {
      deadSave: `.project.json.${dead}.0badc0de.tmp`,
      deadBackup: `.project.json.bak.${dead}.12345678.tmp`,
      deadExport: `.Story.${dead}.abcdef01.partial`,
      liveSave: path.basename(tempNameFor(path.join(dir, 'project.json'))),
      parent: `.settings.json.${process.ppid}.aaaaaaaa.tmp`,
      plain: 'project.json',
      userTmp: 'notes.tmp',
      noPid: '.Story.abcdef01.partial',
    };
    for (const name of Object.values(names)) await fs.writeFile(path.join(dir, name), 'x');
    const removed = await removeStaleTempFiles(dir);
    assert.deepEqual(removed.sort(), [names.deadSave, names.deadBackup, names.deadExport].sort());
    const left = await fs.readdir(dir);
    for (const kept of [names.liveSave, names.parent, names.plain, names.userTmp, names.noPid]) assert.ok(left.includes(kept), kept);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('the folders swept at start: data folder, models, each project and its folders, partial downloads, the output folder', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-stale-home-'));
  try {
    const paths = { home, projectsDir: path.join(home, 'projects'), modelsDir: path.join(home, 'models') };
    await fs.mkdir(path.join(paths.projectsDir, 'Story', 'exports'), { recursive: true });
    await fs.mkdir(path.join(paths.modelsDir, '.partial', 'big-text'), { recursive: true });
    const folders = await staleTempFolders(paths, '/srv/out');
    for (const dir of [
      home,
      paths.modelsDir,
      path.join(paths.projectsDir, 'Story'),
      path.join(paths.projectsDir, 'Story', 'exports'),
      path.join(paths.modelsDir, '.partial', 'big-text'),
      '/srv/out',
    ]) {
      assert.ok(folders.includes(dir), dir);
    }
    assert.deepEqual(await removeStaleTempFiles(path.join(home, 'missing')), []);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});
