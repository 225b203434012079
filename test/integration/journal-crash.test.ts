import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newProjectFile } from '../../main/core/projects/project-file.js';
import { readProjectStrictly, saveProject } from '../../main/core/projects/project-folder.js';
import { CRASH_SEED, killHard, seededRandom, sleep } from '../support/crash-trials.js';
import { editNumber, journalEdit } from '../support/journal-loop.js';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

const ROUNDS = 6;

test('kill -9 between and inside journal writes loses no acknowledged edit and replays exactly', async () => {
  const dir = await tempHome('atelier-journal-crash-');
  const random = seededRandom(CRASH_SEED);
  const scenes = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, title: `Scene ${i}`, text: 'lorem ipsum '.repeat(40) }));
  await saveProject(dir, { ...newProjectFile(randomUUID(), 'Edit 0'), scenes });
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // What the child starts from; every edit after it is a deterministic function of it.
      const start = await readProjectStrictly(dir);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/journal-loop.ts'), dir], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let acknowledged = editNumber(start);
      const enough = acknowledged + 3 + Math.floor(random() * 20);
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const numbers = seen
            .split('\n')
            .slice(0, -1)
            .filter((l) => /^\d+$/.test(l));
          if (numbers.length > 0) acknowledged = Number(numbers.at(-1));
          if (acknowledged >= enough) resolve();
        });
        child.once('exit', (code) => reject(new Error(`journal loop exited early with ${code}`)));
      });
      await sleep(Math.floor(random() * 5));
      await killHard(child);

      const journal = await fs.readFile(path.join(dir, 'project.journal'), 'utf8');
      assert.ok(journal.split('\n').length > 3, `round ${round}: the edits went to the journal`);
      const saved = await readProjectStrictly(dir);
      const reached = editNumber(saved);
      // The edit in flight at the kill may or may not have landed; every acknowledged one has.
      assert.ok(reached === acknowledged || reached === acknowledged + 1, `round ${round}: reached ${reached}, acknowledged ${acknowledged}`);
      let expected = start;
      for (let n = editNumber(start) + 1; n <= reached; n += 1) expected = journalEdit(expected, n);
      assert.deepEqual(saved.scenes, expected.scenes, `round ${round}: the replay is the edits, in order`);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
