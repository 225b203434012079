/**
 * An export killed mid-way (kill -9: no finally runs) leaves its work folder in the system's
 * temp folder; the next start removes it, and keeps the folders of exports still running.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { createStudio } from '../../main/app/studio.js';
import { makeWorkFolder } from '../../main/core/files/work-folder.js';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

test('the work folder of a killed export is removed at the next start; a running one is kept', async () => {
  const tmp = await tempHome('atelier-work-tmp-');
  const home = await tempHome('atelier-work-home-');
  const saved = process.env.TMPDIR;
  try {
    // A process that makes its work folder, writes a frame into it, says where, and waits to be killed.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import { makeWorkFolder } from './main/core/files/work-folder.ts';
         import fs from 'node:fs';
         const dir = await makeWorkFolder('video');
         fs.writeFileSync(dir + '/frame-0.png', 'x');
         process.stdout.write(dir + '\\n');
         setInterval(() => {}, 1000);`,
      ],
      { cwd: REPO_ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const killed = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.on('exit', (code) => reject(new Error(`the exporting process exited first (${code})`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.ok((await fs.stat(path.join(killed, 'frame-0.png'))).isFile(), 'the killed export left its folder');

    process.env.TMPDIR = tmp;
    const running = await makeWorkFolder('export');
    const studio = await createStudio({ host: 'cli', home });
    await studio.dispose();
    // Only Atelier's folders: tsx keeps its own cache there too.
    assert.deepEqual(
      (await fs.readdir(tmp)).filter((name) => name.startsWith('atelier-')),
      [path.basename(running)],
    );
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await fs.rm(tmp, { recursive: true, force: true });
    await fs.rm(home, { recursive: true, force: true });
  }
});
