import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, test } from 'node:test';
import type { ProjectSummary, StoryboardState } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { tempHome } from '../support/web-host.js';

// Two studios on one data folder, as the desktop app (or `atelier serve`) and a CLI command
// run beside it are: each opens the last project, and opening folds its journal into project.json.
const homes: string[] = [];
after(async () => {
  for (const home of homes) await fs.rm(home, { recursive: true, force: true });
});

async function add(studio: Studio, title: string): Promise<StoryboardState> {
  return (await studio.call('storyboard.edit', { op: 'add', title, text: title })) as StoryboardState;
}

async function scenesOnDisk(home: string, id: string): Promise<string[]> {
  const reader = await createStudio({ host: 'cli', home });
  try {
    await reader.call('projects.open', { id });
    return ((await reader.call('storyboard.get', {})) as StoryboardState).scenes.map((scene) => scene.title);
  } finally {
    await reader.dispose();
  }
}

test('a command that only reads, run beside the open studio, folds its journal; the studio keeps saving every edit', async () => {
  const home = await tempHome('atelier-two-studios-');
  homes.push(home);
  const app = await createStudio({ host: 'web', home });
  try {
    const project = (await app.call('projects.create', { title: 'Shared' })) as ProjectSummary;
    await add(app, 'one');
    await add(app, 'two');
    assert.ok((await fs.readdir(project.path)).includes('project.journal'), 'the edits are in the journal');

    // `atelier project list` beside it: reopening the last project folds the journal away.
    const cli = await createStudio({ host: 'cli', home });
    await cli.call('projects.list', {});
    await cli.dispose();
    assert.ok(!(await fs.readdir(project.path)).includes('project.journal'), 'the other studio folded the journal');

    // Before the fix, this append found no journal and failed with INTERNAL (ENOENT), and so did every edit after it.
    await add(app, 'three');
    await add(app, 'four');
    assert.deepEqual(await scenesOnDisk(home, project.id), ['one', 'two', 'three', 'four']);
  } finally {
    await app.dispose();
  }
});

test('a journal another studio began is continued from what is saved: both studios’ scenes are kept, and the project still opens', async () => {
  const home = await tempHome('atelier-two-studios-');
  homes.push(home);
  const app = await createStudio({ host: 'web', home });
  try {
    const project = (await app.call('projects.create', { title: 'Shared' })) as ProjectSummary;
    await add(app, 'one');
    await add(app, 'two');
    // A second writer folds the journal on opening, then starts a journal of its own.
    const other = await createStudio({ host: 'web', home });
    await add(other, 'from the other');
    assert.ok((await fs.readdir(project.path)).includes('project.journal'));
    // The app reads the other's change in before making its own (under the project's lock), so
    // its edit lands on top: appending at its old offset would have spliced into the other's
    // journal, and saving its whole project from memory would have dropped the other's scene.
    const state = await add(app, 'three');
    assert.deepEqual(
      state.scenes.map((scene) => scene.title),
      ['one', 'two', 'from the other', 'three'],
    );
    assert.deepEqual(await scenesOnDisk(home, project.id), ['one', 'two', 'from the other', 'three']);
    // The other studio closes, folding its journal from what is saved now, not from its memory.
    await other.dispose();
    assert.deepEqual(await scenesOnDisk(home, project.id), ['one', 'two', 'from the other', 'three']);
  } finally {
    await app.dispose();
  }
});
