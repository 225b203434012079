import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Asset, DirectorCallEntry, DirectorState, Job, ProjectSummary, StoryboardState } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { waitFor } from '../support/wait-for.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';

// The director against a real `atelier serve` with the fixture text model. Under a named or
// `required` tool choice the fixture fills every string parameter with its one sentence, so
// each card below has known arguments.
let home: string;
let host: RunningWebHost;

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  ({ home } = await homeWithTinyLlama('atelier-director-'));
  // Seven tools and a tool result need more room than other fixture tests use: the fixture's tokens are short.
  await fs.writeFile(path.join(home, 'settings.json'), JSON.stringify({ threads: 2, contextSize: 8192 }));
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

async function api<T>(name: string, input: unknown = {}): Promise<T> {
  const reply = await callApi(host, name, input);
  assert.equal(reply.error, undefined, `${name}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

/** The state once the model has finished its turn (and any turn that follows a settled card). */
async function settledState(what: string, until: (state: DirectorState) => boolean): Promise<DirectorState> {
  return waitFor(what, async () => {
    const state = await api<DirectorState>('director.state');
    return !state.thinking && until(state) ? state : undefined;
  });
}

function calls(state: DirectorState): DirectorCallEntry[] {
  return state.entries.filter((e): e is DirectorCallEntry => e.type === 'call');
}

describe('the director', () => {
  let project: ProjectSummary;

  test('a named tool choice makes a pending card; approving it runs the picture as a job into the project', async () => {
    project = await api<ProjectSummary>('projects.create', { title: 'Director trial' });
    const sent = await api<DirectorState>('director.send', { text: 'Illustrate the harbour at dawn.', tool: 'illustrate' });
    assert.equal(sent.entries[0]?.type, 'user');
    const carded = await settledState('the illustrate card', (s) => calls(s).length === 1);
    const card = calls(carded)[0] as DirectorCallEntry;
    assert.equal(card.tool, 'illustrate');
    assert.equal(card.status, 'pending', 'nothing runs before the creator approves');
    assert.equal(card.automatic, false);
    assert.deepEqual(JSON.parse(card.arguments), { passage: TINY_LLAMA_SENTENCE });
    assert.equal((await api<Asset[]>('assets.list')).length, 0);

    const approved = await api<DirectorState>('director.decide', { callId: card.id, approve: true });
    const running = calls(approved)[0] as DirectorCallEntry;
    assert.ok(running.jobId, 'the picture runs as a job');
    const done = await settledState('the picture and the answer after it', (s) => calls(s)[0]?.status === 'done' && s.entries.at(-1)?.type !== 'call');
    const result = calls(done)[0]?.result;
    assert.ok(result?.assetId);
    const jobs = await api<Job[]>('jobs.list');
    assert.equal(jobs.find((j) => j.id === running.jobId)?.state, 'done');
    const assets = await api<Asset[]>('assets.list');
    const picture = assets.find((a) => a.id === result.assetId);
    assert.equal(picture?.kind, 'image');
    assert.match(picture?.origin.prompt ?? '', /lighthouse keeper/);
    assert.equal(done.entries.at(-1)?.type, 'assistant', 'the model answers after reading the result');
  });

  test('a rejected call runs nothing and the model is told; the conversation carries the rejection', async () => {
    await api<DirectorState>('director.clear');
    await api<DirectorState>('director.send', { text: 'Add a scene about the storm.', tool: 'add_scene' });
    const carded = await settledState('the add_scene card', (s) => calls(s).length === 1);
    const card = calls(carded)[0] as DirectorCallEntry;
    assert.deepEqual(JSON.parse(card.arguments), { title: TINY_LLAMA_SENTENCE, text: TINY_LLAMA_SENTENCE });
    await api<DirectorState>('director.decide', { callId: card.id, approve: false });
    const after = await settledState('the answer after the rejection', (s) => s.entries.at(-1)?.type !== 'call');
    assert.equal(calls(after)[0]?.status, 'rejected');
    assert.equal(after.entries.at(-1)?.type, 'assistant');
    assert.equal((await api<StoryboardState>('storyboard.get')).scenes.length, 0, 'no scene was added');
    const again = await callApi(host, 'director.decide', { callId: card.id, approve: true });
    assert.equal((again.error as { code: string } | undefined)?.code, 'INVALID_INPUT', 'a decided card cannot be approved later');
  });

  test('arguments that do not fit the schema make a card that cannot run, with a typed error', async () => {
    await api<DirectorState>('director.clear');
    // read_asset is read-only, so it runs at once: an id that is not in the project fails typed and nothing else happens.
    await api<DirectorState>('director.send', { text: 'Read the asset.', tool: 'read_asset' });
    const read = await settledState('the read_asset call', (s) => calls(s)[0]?.status === 'failed');
    assert.equal(calls(read)[0]?.automatic, true);
    assert.equal(calls(read)[0]?.error?.code, 'NOT_FOUND');

    await api<DirectorState>('director.clear');
    // The grammar keeps the scene number an integer; zod also holds it to the storyboard's bounds.
    await api<DirectorState>('director.send', { text: 'Change scene 9000.', tool: 'edit_scene' });
    const edited = await settledState('the edit_scene card', (s) => calls(s).length >= 1);
    const card = calls(edited)[0] as DirectorCallEntry;
    const scenesBefore = (await api<StoryboardState>('storyboard.get')).scenes;
    if (card.status === 'invalid') {
      assert.equal(card.error?.code, 'INVALID_INPUT');
      const refused = await callApi(host, 'director.decide', { callId: card.id, approve: true });
      assert.equal((refused.error as { code: string } | undefined)?.code, 'INVALID_INPUT');
    } else {
      // A number inside the bounds names a scene this empty storyboard lacks: refused before any edit.
      await api<DirectorState>('director.decide', { callId: card.id, approve: true });
      const failed = await settledState('the failed edit', (s) => calls(s)[0]?.status === 'failed');
      assert.equal(calls(failed)[0]?.error?.code, 'NOT_FOUND');
    }
    assert.deepEqual((await api<StoryboardState>('storyboard.get')).scenes, scenesBefore, 'nothing ran');

    const bad = await callApi(host, 'director.send', { text: 'x', tool: 'paint_the_moon' });
    assert.equal((bad.error as { code: string } | undefined)?.code, 'INVALID_INPUT');
  });

  test('always allow persists in the project, runs the tool without a card, and can be revoked', async () => {
    await api<DirectorState>('director.clear');
    await api<DirectorState>('director.send', { text: 'Add a scene.', tool: 'add_scene' });
    const carded = await settledState('the add_scene card', (s) => calls(s).length === 1);
    const card = calls(carded)[0] as DirectorCallEntry;
    const allowed = await api<DirectorState>('director.decide', { callId: card.id, approve: true, always: true });
    assert.deepEqual(allowed.alwaysAllow, ['add_scene']);
    await settledState('the scene', (s) => calls(s)[0]?.status === 'done' && s.entries.at(-1)?.type !== 'call');
    const file = (await readProjectStrictly(project.path)) as { director?: { alwaysAllow: string[] }; scenes: unknown[] };
    assert.deepEqual(file.director?.alwaysAllow, ['add_scene'], 'saved in project.json');
    assert.equal(file.scenes.length, 1);

    await api<DirectorState>('director.send', { text: 'Another scene.', tool: 'add_scene' });
    const auto = await settledState('the allowed call', (s) => calls(s).length === 2 && s.entries.at(-1)?.type !== 'call');
    assert.equal(calls(auto)[1]?.automatic, true);
    assert.equal(calls(auto)[1]?.status, 'done');
    assert.equal((await api<StoryboardState>('storyboard.get')).scenes.length, 2);

    // Reopening the project reads the choice back from disk.
    await api('projects.open', { id: project.id });
    assert.deepEqual((await api<DirectorState>('director.state')).alwaysAllow, ['add_scene']);
    const revoked = await api<DirectorState>('director.allow', { tool: 'add_scene', allowed: false });
    assert.deepEqual(revoked.alwaysAllow, []);
    await api<DirectorState>('director.send', { text: 'A third scene.', tool: 'add_scene' });
    const asked = await settledState('a card again', (s) => calls(s).length === 3);
    assert.equal(calls(asked)[2]?.status, 'pending');
  });
});
