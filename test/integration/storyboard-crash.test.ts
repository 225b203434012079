import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { test } from 'node:test';
import type { ProjectSummary, StoryboardState } from '../../preload/contract.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

/** Big enough that each save takes a while, so kills land inside writes. */
const FILLER = 'The tide comes in and the tide goes out. '.repeat(1500);

test('a SIGKILLed host loses no storyboard edit it acknowledged', async () => {
  const home = await tempHome('atelier-storyboard-crash-');
  let host: RunningWebHost | undefined = await startWebHostProcess({ home });
  try {
    const created = await callApi(host, 'projects.create', { title: 'Crash storyboard' });
    const project = created.result as ProjectSummary;
    const acknowledged: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const running = host;
      let inFlight: string | undefined;
      // Edits go one after another, as a creator's do; the kill comes at a different moment each round.
      const killAt = Date.now() + 150 + round * 70;
      let n = 0;
      while (Date.now() < killAt || n < 3) {
        const title = `r${round}-${(n += 1)}`;
        inFlight = title;
        const reply = await callApi(running, 'storyboard.edit', { op: 'add', title, text: FILLER });
        assert.equal(reply.error, undefined, JSON.stringify(reply.error));
        acknowledged.push(title);
        inFlight = undefined;
      }
      // One more edit, in flight at the moment of the kill.
      const last = `r${round}-${n + 1}`;
      inFlight = last;
      const pending = callApi(running, 'storyboard.edit', { op: 'add', title: last, text: FILLER }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, round * 3));
      const exited = new Promise((resolve) => running.process.once('exit', resolve));
      running.process.kill('SIGKILL');
      await exited;
      await pending;

      const saved = await readProjectStrictly(project.path);
      const titles = saved.scenes.map((s) => s.title);
      // The in-flight edit may or may not have landed; everything acknowledged must have.
      const expected = titles.at(-1) === inFlight ? [...acknowledged, inFlight] : acknowledged;
      assert.deepEqual(titles, expected, `round ${round}`);
      if (titles.at(-1) === inFlight) acknowledged.push(inFlight as string);

      host = await startWebHostProcess({ home });
      const state = (await callApi(host, 'storyboard.get')).result as StoryboardState;
      assert.equal(state.projectId, project.id, 'the project reopens after the crash');
      assert.deepEqual(
        state.scenes.map((s) => s.title),
        acknowledged,
      );
      assert.equal(state.canUndo, false, 'history does not outlive the process');
    }
  } finally {
    await host?.stop();
    await fs.rm(home, { recursive: true, force: true });
  }
});
