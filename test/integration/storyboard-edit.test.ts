import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import type { Asset, Job, ProjectSummary, Scene, StoryboardState } from '../../preload/contract.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let home: string;
let host: RunningWebHost | undefined;
let project: ProjectSummary;
let socket: WebSocket | undefined;
/** Every event the host pushed, as the renderer would hear them. */
const heard: { event: string; payload: any }[] = [];

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  ({ home } = await homeWithTinyLlama('atelier-storyboard-edit-'));
  host = await startWebHostProcess({ home });
  socket = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['atelier', `bearer.${host.token}`]);
  socket.on('message', (data) => heard.push(JSON.parse(data.toString()) as { event: string; payload: any }));
  await new Promise((resolve, reject) => {
    socket?.once('open', resolve);
    socket?.once('error', reject);
  });
});

after(async () => {
  socket?.close();
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

async function api<T>(name: string, input: unknown = {}): Promise<T> {
  const reply = await callApi(host as RunningWebHost, name, input);
  assert.equal(reply.error, undefined, `${name}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

/** A call that must fail with a typed error and an HTTP 4xx, leaving the host up. */
async function refused(name: string, input: unknown, code: string, message?: RegExp): Promise<void> {
  const reply = await callApi(host as RunningWebHost, name, input);
  assert.equal(reply.error?.code, code, `${name} ${JSON.stringify(input)}: ${JSON.stringify(reply)}`);
  assert.ok(reply.status >= 400 && reply.status < 500, `${name}: HTTP ${reply.status}`);
  if (message) assert.match(reply.error?.message ?? '', message);
}

const edit = (input: unknown) => api<StoryboardState>('storyboard.edit', input);

async function onDisk(): Promise<{ scenes: Scene[]; assets: Record<string, Asset> }> {
  return (await readProjectStrictly(project.path)) as { scenes: Scene[]; assets: Record<string, Asset> };
}

async function finished(jobId: string, timeoutMs = 300_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const job = (await api<Job[]>('jobs.list')).find((j) => j.id === jobId);
    if (job && ['done', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function waitUntil(probe: () => boolean, what: string): Promise<void> {
  await waitFor(what, probe);
}

async function runAction(sceneId: string, action: 'write' | 'illustrate' | 'narrate'): Promise<Job> {
  const { jobId } = await api<{ jobId: string }>('storyboard.sceneAction', { sceneId, action });
  const job = await finished(jobId);
  assert.equal(job.state, 'done', `${action}: ${JSON.stringify(job.error)}`);
  return job;
}

describe('storyboard editing through the web host', () => {
  test('without an open project every call says so', async () => {
    await refused('storyboard.get', {}, 'NO_PROJECT_OPEN');
    await refused('storyboard.edit', { op: 'add' }, 'NO_PROJECT_OPEN');
    await refused('storyboard.undo', {}, 'NO_PROJECT_OPEN');
    await refused('storyboard.sceneAction', { sceneId: 'x', action: 'write' }, 'NO_PROJECT_OPEN');
  });

  test('add, duplicate, move, update and delete are saved at once and each is an undo step', async () => {
    project = await api<ProjectSummary>('projects.create', { title: 'Harbour Night' });
    const empty = await api<StoryboardState>('storyboard.get');
    const { revision: opened, ...rest } = empty;
    assert.deepEqual(rest, { projectId: project.id, scenes: [], video: { captions: 'soft' }, canUndo: false, canRedo: false });
    assert.equal(typeof opened, 'number');

    const changesBefore = heard.filter((h) => h.event === 'project.changed').length;
    let state = await edit({ op: 'add', title: 'The lamp' });
    assert.equal(state.canUndo, true);
    await waitUntil(
      () => heard.filter((h) => h.event === 'project.changed' && h.payload.projectId === project.id).length > changesBefore,
      'project.changed after an edit',
    );
    // The edit's answer and its event carry one revision, past the one read before: a client holding the answer need not read again.
    assert.ok((state.revision ?? 0) > (opened ?? 0), `revision ${state.revision} after ${opened}`);
    assert.equal(heard.filter((h) => h.event === 'project.changed').at(-1)?.payload.revision, state.revision);
    state = await edit({ op: 'add', title: 'The fox', text: 'A fox at the door.' });
    state = await edit({ op: 'add', index: 0, title: 'Dusk' });
    assert.deepEqual(
      state.scenes.map((s) => s.title),
      ['Dusk', 'The lamp', 'The fox'],
    );
    assert.deepEqual((await onDisk()).scenes, state.scenes, 'saved before the answer');
    const [dusk, lamp, fox] = state.scenes as [Scene, Scene, Scene];

    state = await edit({ op: 'duplicate', sceneId: fox.id });
    assert.equal(state.scenes.length, 4);
    assert.notEqual(state.scenes[3]?.id, fox.id);
    state = await edit({ op: 'move', sceneId: dusk.id, toIndex: 2 });
    assert.deepEqual(
      state.scenes.map((s) => s.title),
      ['The lamp', 'The fox', 'Dusk', 'The fox'],
    );
    state = await edit({ op: 'delete', sceneId: state.scenes[3]?.id });
    state = await edit({ op: 'update', sceneId: lamp.id, changes: { text: 'The lamp turns.' } });
    assert.deepEqual((await onDisk()).scenes, state.scenes);

    state = await api<StoryboardState>('storyboard.undo');
    assert.equal(state.scenes[0]?.text, '');
    state = await api<StoryboardState>('storyboard.undo');
    assert.equal(state.scenes.length, 4, 'the deleted copy is back');
    assert.equal(state.canRedo, true);
    assert.deepEqual((await onDisk()).scenes, state.scenes, 'undo is saved too');
    state = await api<StoryboardState>('storyboard.redo');
    state = await api<StoryboardState>('storyboard.redo');
    assert.deepEqual(
      state.scenes.map((s) => s.title),
      ['The lamp', 'The fox', 'Dusk'],
    );
    assert.equal(state.scenes[0]?.text, 'The lamp turns.');
    assert.equal(state.canRedo, false);
    const nothing = await api<StoryboardState>('storyboard.redo');
    assert.deepEqual(nothing.scenes, state.scenes);
  });

  test('typing in one field coalesces into one undo step', async () => {
    const { scenes } = await api<StoryboardState>('storyboard.get');
    const fox = scenes[1] as Scene;
    for (const text of ['A', 'A f', 'A fox', 'A fox waits.']) await edit({ op: 'update', sceneId: fox.id, changes: { text } });
    const undone = await api<StoryboardState>('storyboard.undo');
    assert.equal(undone.scenes[1]?.text, 'A fox at the door.');
  });

  test('bad payloads and bad references are typed 4xx errors and change nothing', async () => {
    const before = await onDisk();
    const sceneId = before.scenes[0]?.id as string;
    await refused('storyboard.edit', { op: 'explode' }, 'INVALID_INPUT');
    await refused('storyboard.edit', { op: 'move', sceneId }, 'INVALID_INPUT', /toIndex/);
    await refused('storyboard.edit', { op: 'move', sceneId, toIndex: -1 }, 'INVALID_INPUT');
    await refused('storyboard.edit', { op: 'update', sceneId, changes: { colour: 'red' } }, 'INVALID_INPUT');
    await refused('storyboard.edit', { op: 'update', sceneId, changes: { title: 'x'.repeat(201) } }, 'INVALID_INPUT');
    await refused('storyboard.edit', 'add', 'INVALID_INPUT');
    await refused('storyboard.edit', { op: 'delete', sceneId: 'no-such-scene' }, 'NOT_FOUND', /No scene/);
    await refused('storyboard.edit', { op: 'update', sceneId, changes: { imageAssetId: 'ghost' } }, 'NOT_FOUND', /No asset ghost/);
    await refused('storyboard.undo', { extra: 1 }, 'INVALID_INPUT');
    await refused('storyboard.sceneAction', { sceneId, action: 'dance' }, 'INVALID_INPUT');
    await refused('storyboard.sceneAction', { sceneId: 'no-such-scene', action: 'narrate' }, 'NOT_FOUND');
    assert.deepEqual((await onDisk()).scenes, before.scenes);
  });

  test('Write, Illustrate and Narrate run on the real engines and attach their results', async () => {
    const { scenes } = await edit({ op: 'add', title: 'The keeper' });
    const keeper = scenes.at(-1) as Scene;
    const jobsBefore = (await api<Job[]>('jobs.list')).length;
    await refused('storyboard.sceneAction', { sceneId: keeper.id, action: 'illustrate' }, 'INVALID_INPUT', /no text to picture/);
    await refused('storyboard.sceneAction', { sceneId: keeper.id, action: 'narrate' }, 'INVALID_INPUT', /no text to narrate/);
    const { scenes: untitled } = await edit({ op: 'add' });
    await refused('storyboard.sceneAction', { sceneId: untitled.at(-1)?.id, action: 'write' }, 'INVALID_INPUT', /title first/);
    assert.equal((await api<Job[]>('jobs.list')).length, jobsBefore, 'no job before the checks pass');

    const write = await runAction(keeper.id, 'write');
    assert.equal(write.kind, 'storyboard.write');
    const streamed = heard
      .filter((h) => h.event === 'job.progress' && h.payload.job.id === write.id && h.payload.partial?.text)
      .map((h) => h.payload.partial.text as string);
    assert.ok(streamed.length >= 2, 'the text streams as job progress');
    assert.ok(
      TINY_LLAMA_SENTENCE.startsWith(streamed[0] as string) && (streamed[0] as string).length < TINY_LLAMA_SENTENCE.length,
      'starting with its first words',
    );
    assert.deepEqual(write.result, { sceneId: keeper.id, text: TINY_LLAMA_SENTENCE });
    let file = await onDisk();
    assert.equal(file.scenes.find((s) => s.id === keeper.id)?.text, TINY_LLAMA_SENTENCE);

    const illustrate = await runAction(keeper.id, 'illustrate');
    const narrate = await runAction(keeper.id, 'narrate');
    const jobs = await api<Job[]>('jobs.list');
    assert.equal(jobs.filter((j) => j.parentId === illustrate.id).length, 1, 'the image job is a step of Illustrate');
    assert.equal(jobs.filter((j) => j.parentId === narrate.id).length, 1, 'the voice job is a step of Narrate');
    file = await onDisk();
    const scene = file.scenes.find((s) => s.id === keeper.id) as Scene;
    const image = file.assets[scene.imageAssetId as string];
    const narration = file.assets[scene.narrationAssetId as string];
    assert.equal(image?.kind, 'image');
    assert.equal(image?.origin.engine, 'procedural', 'no diffusion model is installed');
    assert.equal(image?.origin.parameters?.text, 'The keeper');
    assert.ok((await fs.stat(path.join(project.path, image.file))).size > 1000);
    assert.equal(narration?.kind, 'audio');
    assert.equal(narration?.origin.prompt, TINY_LLAMA_SENTENCE);
    assert.equal(narration?.origin.engine, 'espeak', 'no Piper voice is active');
    const wav = await fs.readFile(path.join(project.path, narration.file));
    assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');

    // Wrong kinds are refused; the right ones attach as an edit.
    await refused('storyboard.edit', { op: 'update', sceneId: keeper.id, changes: { imageAssetId: narration.id } }, 'INVALID_INPUT', /must be an image/);
    await refused('storyboard.edit', { op: 'update', sceneId: keeper.id, changes: { bedAssetId: image.id } }, 'INVALID_INPUT', /must be audio/);
    const bed = await edit({ op: 'update', sceneId: keeper.id, changes: { bedAssetId: narration.id } });
    assert.equal(bed.scenes.find((s) => s.id === keeper.id)?.bedAssetId, narration.id);
  });

  test('undo after a job keeps what the job attached', async () => {
    let state = await edit({ op: 'add', title: 'Morning' });
    const morning = state.scenes.at(-1) as Scene;
    state = await edit({ op: 'update', sceneId: morning.id, changes: { text: 'The sun comes up.' } });
    await runAction(morning.id, 'illustrate');
    state = await api<StoryboardState>('storyboard.undo');
    const after = state.scenes.find((s) => s.id === morning.id) as Scene;
    assert.equal(after.text, '', 'the text edit is undone');
    assert.ok(after.imageAssetId, 'the picture Illustrate attached stays');
    assert.deepEqual((await onDisk()).scenes, state.scenes);
  });

  test('Stop on a scene action cancels its step too and leaves the scene as it was', async () => {
    const { scenes } = await edit({ op: 'add', title: 'Gulls', text: 'Gulls wheel over the pier.' });
    const gulls = scenes.at(-1) as Scene;
    const first = await api<{ jobId: string }>('storyboard.sceneAction', { sceneId: gulls.id, action: 'illustrate' });
    const second = await api<{ jobId: string }>('storyboard.sceneAction', { sceneId: gulls.id, action: 'illustrate' });
    // The second waits behind the first on the Illustrate queue; the first is drawing.
    await api('jobs.cancel', { id: second.jobId });
    await api('jobs.cancel', { id: first.jobId });
    for (const jobId of [first.jobId, second.jobId]) assert.equal((await finished(jobId)).state, 'cancelled');
    const steps = (await api<Job[]>('jobs.list')).filter((j) => j.parentId === first.jobId);
    assert.ok(
      steps.every((j) => j.state === 'cancelled'),
      JSON.stringify(steps.map((j) => j.state)),
    );
    assert.equal((await onDisk()).scenes.find((s) => s.id === gulls.id)?.imageAssetId, undefined);
  });

  test('history belongs to the open project and goes when another opens', async () => {
    assert.equal((await api<StoryboardState>('storyboard.get')).canUndo, true);
    const other = await api<ProjectSummary>('projects.create', { title: 'Other' });
    const fresh = await api<StoryboardState>('storyboard.get');
    assert.equal(fresh.projectId, other.id);
    assert.equal(fresh.canUndo, false);
    await api('projects.open', { id: project.id });
    const back = await api<StoryboardState>('storyboard.get');
    assert.equal(back.projectId, project.id);
    assert.equal(back.canUndo, false);
    assert.equal(back.canRedo, false);
    await edit({ op: 'add', title: 'After reopening' });
    await api('projects.delete', { id: other.id });
    assert.equal((await api<StoryboardState>('storyboard.get')).canUndo, true, 'deleting another project keeps this one’s history');
  });

  test('project.changed says storyboard: false for an asset added, so a studio does not read 500 scenes again', async () => {
    const own = await api<ProjectSummary>('projects.create', { title: 'Asset events' });
    const changes = () => heard.filter((h) => h.event === 'project.changed' && h.payload.projectId === own.id);
    let before = changes().length;
    await api<Asset>('text.saveDocument', { name: 'Shot list', markdown: '# Shots\n' });
    await waitUntil(() => changes().length > before, 'project.changed after the document was saved');
    assert.equal(changes().at(-1)?.payload.storyboard, false, 'an asset made leaves the storyboard as it was');

    before = changes().length;
    const state = await edit({ op: 'add', title: 'Shot list read aloud' });
    await waitUntil(() => changes().length > before, 'project.changed after a storyboard edit');
    assert.equal(changes().at(-1)?.payload.revision, state.revision);
    assert.equal(changes().at(-1)?.payload.storyboard, undefined, 'a storyboard edit is announced as one');

    before = changes().length;
    await edit({ op: 'video', changes: { captions: 'burn' } });
    await waitUntil(() => changes().length > before, 'project.changed after a video setting');
    assert.equal(changes().at(-1)?.payload.storyboard, undefined, 'the video settings are part of the storyboard');
  });
});
