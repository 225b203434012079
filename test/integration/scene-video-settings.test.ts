import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ProjectSummary, StoryboardState, VideoEstimate } from '../../preload/contract.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let home: string;
let host: RunningWebHost;

before(async () => {
  home = await tempHome('atelier-scene-video-');
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

const edit = (input: unknown) => api<StoryboardState>('storyboard.edit', input);
const length = async () => (await api<VideoEstimate>('projects.exportEstimate', { format: 'mp4' })).durationSeconds;

test('a scene’s motion, transition and length are saved through storyboard.edit, undone, and change the video’s timing', async () => {
  const project = await api<ProjectSummary>('projects.create', { title: 'Timing' });
  for (const title of ['One', 'Two', 'Three']) await edit({ op: 'add', title });
  const ids = (await api<StoryboardState>('storyboard.get')).scenes.map((s) => s.id);
  const [, second] = ids as [string, string, string];
  // Three silent scenes of 4 s, each next one fading in over the last 0.5 s of the one before.
  assert.equal(await length(), 11);

  const state = await edit({ op: 'update', sceneId: second, changes: { video: { motion: 'zoom-in', transition: 'cut', durationSeconds: 10 } } });
  assert.deepEqual(state.scenes[1]?.video, { motion: 'zoom-in', transition: 'cut', durationSeconds: 10 });
  // project.json and the journal that continues it: what a restart would read.
  const disk = await readProjectStrictly(project.path);
  assert.deepEqual(disk.scenes[1]?.video, { motion: 'zoom-in', transition: 'cut', durationSeconds: 10 }, 'saved at once');
  // 4 s, then a cut to 10 s (no overlap), then 4 s fading in over its last 0.5 s.
  assert.equal(await length(), 17.5);

  // One field at a time leaves the others; null returns a field to its default.
  const partial = await edit({ op: 'update', sceneId: second, changes: { video: { durationSeconds: null } } });
  assert.deepEqual(partial.scenes[1]?.video, { motion: 'zoom-in', transition: 'cut' });
  assert.equal(await length(), 11.5);

  // Every field back to its default stores nothing, as before the scene had settings.
  const plain = await edit({ op: 'update', sceneId: second, changes: { video: { motion: 'auto', transition: 'cross-fade' } } });
  assert.equal(plain.scenes[1]?.video, undefined);

  // Each change was one undo step.
  assert.deepEqual((await api<StoryboardState>('storyboard.undo')).scenes[1]?.video, { motion: 'zoom-in', transition: 'cut' });
  assert.deepEqual((await api<StoryboardState>('storyboard.undo')).scenes[1]?.video, { motion: 'zoom-in', transition: 'cut', durationSeconds: 10 });
  assert.equal((await api<StoryboardState>('storyboard.undo')).scenes[1]?.video, undefined);
  assert.deepEqual((await api<StoryboardState>('storyboard.redo')).scenes[1]?.video, { motion: 'zoom-in', transition: 'cut', durationSeconds: 10 });

  // Bad values are typed errors and change nothing.
  const onDisk = async () => [
    await fs.readFile(path.join(project.path, 'project.json'), 'utf8'),
    await fs.readFile(path.join(project.path, 'project.journal'), 'utf8').catch(() => ''),
  ];
  const before = await onDisk();
  for (const video of [
    { motion: 'spin' },
    { transition: 'wipe' },
    { durationSeconds: 0.5 },
    { durationSeconds: 601 },
    { focus: { x: 2, y: 0 } },
    { speed: 2 },
  ]) {
    const reply = await callApi(host, 'storyboard.edit', { op: 'update', sceneId: second, changes: { video } });
    assert.equal(reply.error?.code, 'INVALID_INPUT', `${JSON.stringify(video)}: ${JSON.stringify(reply)}`);
  }
  assert.deepEqual(await onDisk(), before, 'neither project.json nor its journal changed');
});
