import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProjectFileSchema } from '../../main/core/projects/project-file.js';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

test('killing the process in the middle of saves never leaves a broken project.json', async () => {
  const dir = await tempHome('atelier-crash-');
  const id = randomUUID();
  const titles = new Set<string>();
  for (let round = 0; round < 6; round += 1) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/save-loop.ts'), dir, id], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`save loop exited early with ${code}`)));
    });
    // Let it run a varying while so kills land at different points of a write.
    await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const saved = ProjectFileSchema.parse(JSON.parse(await fs.readFile(path.join(dir, 'project.json'), 'utf8')));
    assert.equal(saved.id, id);
    assert.match(saved.title, /^Revision \d+$/);
    titles.add(saved.title);
    const backup = ProjectFileSchema.parse(JSON.parse(await fs.readFile(path.join(dir, 'project.json.bak'), 'utf8')));
    assert.equal(backup.id, id);
  }
  // Each round starts from revision 1 again; what matters is that every read parsed.
  assert.ok(titles.size >= 1);
  await fs.rm(dir, { recursive: true, force: true });
});
