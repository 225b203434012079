import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Asset, Job, ProjectSummary } from '../../preload/contract.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let root: string;
let home: string;
let host: RunningWebHost | undefined;

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  root = await tempHome('atelier-storyboard-prompt-');
  home = path.join(root, 'home');
  const imported = runCli(['models', 'import', fixturePath('tiny-llama')], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
});

after(async () => {
  await host?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

async function api<T>(name: string, input: unknown = {}): Promise<T> {
  const reply = await callApi(host as RunningWebHost, name, input);
  assert.equal(reply.error, undefined, `${name}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 300_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface ProjectFileScenes {
  title: string;
  scenes: { id: string; title: string; text: string; imageAssetId?: string; narrationAssetId?: string }[];
  assets: Record<string, Asset>;
}

async function projectFile(project: ProjectSummary): Promise<ProjectFileScenes> {
  return (await readProjectStrictly(project.path)) as ProjectFileScenes;
}

describe('one prompt → a narrated, illustrated storyboard', () => {
  test('the text model writes the scenes as JSON, then each scene gets a picture and narration as child jobs', async () => {
    host = await startWebHostProcess({ home });
    const { jobId, projectId } = await api<{ jobId: string; projectId: string }>('storyboard.fromPrompt', {
      prompt: 'A lighthouse keeper at dawn',
      sceneCount: 3,
      seed: 9,
    });
    const job = await waitFor('the storyboard job', async () => {
      const jobs = await api<Job[]>('jobs.list');
      const found = jobs.find((j) => j.id === jobId);
      return found && ['done', 'failed', 'cancelled'].includes(found.state) ? found : undefined;
    });
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const jobs = await api<Job[]>('jobs.list');
    const children = jobs.filter((j) => j.parentId === jobId);
    assert.equal(children.length, 6, 'one picture and one narration per scene');
    assert.ok(children.every((j) => j.state === 'done'));

    const project = (await api<ProjectSummary | null>('projects.current')) as ProjectSummary;
    assert.equal(project.id, projectId);
    const file = await projectFile(project);
    assert.equal(file.title, TINY_LLAMA_SENTENCE, 'the project takes the title the model wrote');
    assert.equal(file.scenes.length, 3);
    for (const scene of file.scenes) {
      assert.equal(scene.text, TINY_LLAMA_SENTENCE);
      const image = file.assets[scene.imageAssetId as string];
      const narration = file.assets[scene.narrationAssetId as string];
      assert.equal(image?.kind, 'image');
      assert.equal(narration?.kind, 'audio');
      assert.equal(narration?.origin.prompt, TINY_LLAMA_SENTENCE);
    }
    const run = JSON.parse(await fs.readFile(path.join(project.path, 'storyboard-run.json'), 'utf8')) as { status: string; script: { scenes: unknown[] } };
    assert.equal(run.status, 'done');
    assert.equal(run.script.scenes.length, 3);
    await host.stop();
    host = undefined;
  });

  test('a run cut off by a crash resumes when the studio starts again, without redoing finished scenes', async () => {
    host = await startWebHostProcess({ home });
    const { projectId } = await api<{ jobId: string; projectId: string }>('storyboard.fromPrompt', { prompt: 'Ships in the fog', sceneCount: 4, seed: 3 });
    const project = (await api<ProjectSummary | null>('projects.current')) as ProjectSummary;
    assert.equal(project.id, projectId);
    // Wait until the first scene is complete, then kill the studio as a crash would.
    const firstScene = await waitFor('the first finished scene', async () => {
      const file = await projectFile((await api<ProjectSummary | null>('projects.current')) as ProjectSummary).catch(() => undefined);
      const scene = file?.scenes[0];
      return scene?.imageAssetId && scene.narrationAssetId ? scene : undefined;
    });
    host.process.kill('SIGKILL');
    await new Promise((resolve) => host?.process.once('exit', resolve));

    host = await startWebHostProcess({ home });
    const resumed = await waitFor('the resumed run to finish', async () => {
      const current = await api<ProjectSummary | null>('projects.current');
      if (!current) return undefined;
      const run = JSON.parse(await fs.readFile(path.join(current.path, 'storyboard-run.json'), 'utf8')) as { status: string };
      return run.status === 'done' ? current : undefined;
    });
    const file = await projectFile(resumed);
    assert.equal(file.scenes.length, 4);
    assert.equal(file.scenes[0]?.imageAssetId, firstScene.imageAssetId, 'the finished scene keeps its picture');
    assert.equal(file.scenes[0]?.narrationAssetId, firstScene.narrationAssetId, 'and its narration');
    assert.ok(file.scenes.every((s) => s.imageAssetId && s.narrationAssetId));
    const used = new Set(file.scenes.flatMap((s) => [s.imageAssetId, s.narrationAssetId]));
    const kept = Object.values(file.assets).filter((a) => used.has(a.id));
    assert.equal(kept.length, 8);
    assert.ok(Object.keys(file.assets).length <= 9, 'at most the one step that was cut off was made twice');
  });

  test('without a text model the call says so and leaves no project behind', async () => {
    await host?.stop();
    const emptyHome = path.join(root, 'empty-home');
    host = await startWebHostProcess({ home: emptyHome });
    const reply = await callApi(host, 'storyboard.fromPrompt', { prompt: 'Anything' });
    assert.equal(reply.error?.code, 'ENGINE_UNAVAILABLE');
    assert.deepEqual(await api<ProjectSummary[]>('projects.list'), []);
  });
});
