import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ExportFolder, ExportResult, Job } from '../../preload/contract.js';
import type { SaveSuggestion } from '../../main/core/studio-services.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { buildStoryProject } from '../support/story-project.js';

// Where an export lands: the export folder only once the creator allowed it to be made, or the
// file a host's save dialog chose. The chooser here is the capability's seam, the one the
// desktop fills with Electron's dialog (its own unit test drives that module with a fake dialog).
let home: string;
let studio: Studio;
let projectDir: string;
let answer: string | null = null;
const asked: SaveSuggestion[] = [];

before(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-export-place-'));
  studio = await createStudio({
    host: 'cli',
    home,
    capabilities: {
      chooseSaveFile: async (suggestion) => {
        asked.push(suggestion);
        return answer;
      },
    },
  });
  const built = await buildStoryProject(studio, 'Harbour: Night', [{ title: 'The lighthouse', text: 'A keeper climbs.' }]);
  projectDir = built.project.path;
});

after(async () => {
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
});

async function exported(input: Record<string, unknown>): Promise<ExportResult> {
  const { jobId } = (await studio.call('projects.export', input)) as { jobId: string };
  const job: Job = await studio.jobs.settled(jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  return job.result as ExportResult;
}

test('a missing export folder is made only once the request allows it', async () => {
  const exportsDir = path.join(projectDir, 'exports');
  assert.deepEqual(await studio.call('projects.exportFolder', {}), { folder: exportsDir, exists: false, canChooseFile: true } satisfies ExportFolder);
  await assert.rejects(studio.call('projects.export', { format: 'html', createFolder: false }), (error: { code?: string; message?: string }) => {
    assert.equal(error.code, 'NOT_FOUND');
    assert.match(error.message ?? '', /does not exist yet/);
    return true;
  });
  assert.equal(await fs.stat(exportsDir).catch(() => null), null, 'no folder appeared');

  const made = await exported({ format: 'html', createFolder: true });
  assert.equal(path.dirname(made.path), exportsDir);
  assert.equal(((await studio.call('projects.exportFolder', {})) as ExportFolder).exists, true);
  // Once it exists, false no longer stands in the way.
  const again = await exported({ format: 'html', createFolder: false });
  assert.equal(path.basename(again.path), 'Harbour Night-2.html');
});

test('a host with a save dialog writes where it chose, replaces what it agreed to, and a dismissed dialog exports nothing', async () => {
  const chosen = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-chosen-'));
  try {
    answer = path.join(chosen, 'for the web.md.zip');
    asked.length = 0;
    const result = await exported({ format: 'md-zip', chooseFile: true, createFolder: false });
    assert.equal(result.path, path.join(chosen, 'for the web.md.zip'));
    assert.ok((await fs.stat(result.path)).size > 0);
    assert.deepEqual(asked, [{ defaultPath: path.join(projectDir, 'exports', 'Harbour Night.md.zip'), extension: 'md.zip', label: 'Markdown zip' }]);

    // The dialog asked before replacing, so a chosen file that exists is replaced.
    answer = result.path;
    const before = (await fs.stat(result.path)).mtimeMs;
    const replaced = await exported({ format: 'md-zip', chooseFile: true });
    assert.equal(replaced.path, result.path);
    assert.ok((await fs.stat(result.path)).mtimeMs >= before);

    answer = null;
    const jobsBefore = studio.jobs.list().length;
    await assert.rejects(studio.call('projects.export', { format: 'pdf', chooseFile: true }), { code: 'CANCELLED' });
    assert.equal(studio.jobs.list().length, jobsBefore, 'no job was started');
    assert.deepEqual((await fs.readdir(chosen)).sort(), ['for the web.md.zip']);
  } finally {
    await fs.rm(chosen, { recursive: true, force: true });
  }
});
