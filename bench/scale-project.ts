// A large project made through the contract (the web host's /upload and /api calls), the
// way a creator's project grows: pictures, sounds and documents imported, some pictures
// generated from a prompt, and a long storyboard whose scenes use them.
// `node --import tsx bench/scale-project.ts [scenes] [assets]` makes one in a fresh
// ATELIER_HOME and prints where; `npm run bench studio-scale` calls makeScaleProject.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { Asset, Job, ProjectSummary, StoryboardState } from '../preload/contract.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../test/support/web-host.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

type HostAddress = Pick<RunningWebHost, 'origin' | 'token'>;

export interface ScaleSpec {
  title: string;
  scenes: number;
  assets: number;
}

export const SMALL: ScaleSpec = { title: 'Small project', scenes: 1, assets: 10 };
export const LARGE: ScaleSpec = { title: 'Large project', scenes: 500, assets: 2000 };

/** Uploads in flight at once: the web host holds at most 64 waiting uploads. */
const BATCH = 16;

async function ok<T>(host: HostAddress, name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host, name, input);
  if (answer.status !== 200) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

async function allSettled(host: HostAddress, jobIds: string[]): Promise<Job[]> {
  for (;;) {
    const jobs = (await ok<Job[]>(host, 'jobs.list')).filter((job) => jobIds.includes(job.id));
    if (jobs.length === jobIds.length && jobs.every((job) => job.state !== 'queued' && job.state !== 'running')) {
      const failed = jobs.find((job) => job.state !== 'done');
      if (failed) throw new Error(`${failed.title} ended ${failed.state}: ${JSON.stringify(failed.error)}`);
      return jobs;
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function upload(host: HostAddress, name: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${host.origin}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': encodeURIComponent(name) },
    body: bytes,
  });
  if (response.status !== 200) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: { ref: string } }).result.ref;
}

/** A small distinct picture: the generator's cost is the contract's, not drawing. */
function picture(index: number): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120">
<rect width="100%" height="100%" fill="hsl(${hue},55%,45%)"/>
<circle cx="${40 + (index % 80)}" cy="60" r="30" fill="hsl(${(hue + 180) % 360},70%,65%)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A tenth of a second of 8 kHz mono silence with a click, as a WAV file. */
function sound(index: number): Buffer {
  const samples = 800;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  wav.writeInt16LE(8000 + (index % 1000), 44 + 2 * (index % samples));
  return wav;
}

function document(index: number): Buffer {
  return Buffer.from(`# Lesson ${index + 1}\n\nNotes for lesson ${index + 1}: what the narrator covers and why.\n`);
}

/** What the i-th imported file is: six pictures, three sounds and one document in every ten. */
async function fileFor(index: number): Promise<{ name: string; bytes: Buffer }> {
  const slot = index % 10;
  if (slot < 6) return { name: `sprite-${String(index + 1).padStart(4, '0')}.png`, bytes: await picture(index) };
  if (slot < 9) return { name: `sfx-${String(index + 1).padStart(4, '0')}.wav`, bytes: sound(index) };
  return { name: `lesson-notes-${String(index + 1).padStart(4, '0')}.md`, bytes: document(index) };
}

/** Imports `count` files through /upload + assets.import, BATCH at a time. */
async function importFiles(host: HostAddress, count: number, log: (line: string) => void): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const jobIds = await Promise.all(
      Array.from({ length: Math.min(BATCH, count - start) }, async (_, k) => {
        const { name, bytes } = await fileFor(start + k);
        const fileRef = await upload(host, name, bytes);
        return (await ok<{ jobId: string }>(host, 'assets.import', { fileRef })).jobId;
      }),
    );
    await allSettled(host, jobIds);
    if ((start / BATCH) % 25 === 0) log(`  imported ${start + jobIds.length} of ${count}`);
  }
}

/** Makes the project in the host's data folder and leaves it open. */
export async function makeScaleProject(host: HostAddress, spec: ScaleSpec, log: (line: string) => void = () => undefined): Promise<ProjectSummary> {
  const project = await ok<ProjectSummary>(host, 'projects.create', { title: spec.title });
  // A few pictures carry a model and a prompt, as generated ones do, so search by prompt finds them.
  const generated = Math.min(20, Math.floor(spec.assets / 10));
  const generateIds: string[] = [];
  for (let i = 0; i < generated; i += 1) {
    const { jobId } = await ok<{ jobId: string }>(host, 'image.generate', {
      template: 'gradient',
      prompt: `lighthouse at dusk, variation ${i + 1}`,
      seed: 100 + i,
      width: 256,
      height: 192,
    });
    generateIds.push(jobId);
  }
  await allSettled(host, generateIds);
  await importFiles(host, spec.assets - generated, log);
  const assets = await ok<Asset[]>(host, 'assets.list');
  const images = assets.filter((asset) => asset.kind === 'image');
  const sounds = assets.filter((asset) => asset.kind === 'audio');

  let state = await ok<StoryboardState>(host, 'storyboard.get');
  for (let i = 0; i < spec.scenes; i += 1) {
    const title = `Lesson ${i + 1}: ${['The harbour', 'A storm', 'Night watch', 'Morning'][i % 4]}`;
    const text = `In lesson ${i + 1} the keeper ${['climbs the stairs', 'trims the wick', 'logs the ships', 'waits for dawn'][i % 4]}. `.repeat(3).trim();
    state = await ok<StoryboardState>(host, 'storyboard.edit', { op: 'add', title, text });
    const scene = state.scenes[state.scenes.length - 1];
    const image = images[i % Math.max(1, images.length)];
    const narration = sounds[i % Math.max(1, sounds.length)];
    if (scene && (image || narration)) {
      await ok(host, 'storyboard.edit', {
        op: 'update',
        sceneId: scene.id,
        changes: { ...(image && { imageAssetId: image.id }), ...(narration && { narrationAssetId: narration.id }) },
      });
    }
    if ((i + 1) % 100 === 0) log(`  ${i + 1} of ${spec.scenes} scenes`);
  }
  return project;
}

/**
 * A data folder (ATELIER_HOME) holding a copy of the project `spec` describes, for one run:
 * making the large project takes minutes, so it is made once per clone and copied for each
 * run (the bench and the e2e tests share it; ATELIER_SCALE_CACHE moves the cache; delete it
 * after a change to the project format). It lives in the clone's test-artifacts/, not at a
 * fixed path in the shared temporary folder, where another user's cache would refuse us.
 * The caller removes the folder it is given.
 */
export async function scaleProjectHome(spec: ScaleSpec, log: (line: string) => void = () => undefined): Promise<string> {
  const cache = path.join(process.env.ATELIER_SCALE_CACHE ?? path.join(REPO_ROOT, 'test-artifacts', 'scale-cache-v1'), `${spec.scenes}-${spec.assets}`);
  const made = await fs.stat(path.join(cache, 'projects')).then(
    () => true,
    () => false,
  );
  if (!made) {
    // Made beside the cache and renamed into place, so a run stopped halfway leaves no half a project to copy.
    const staging = `${cache}.partial-${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    const maker = await startWebHostProcess({ home: staging });
    try {
      await makeScaleProject(maker, spec, log);
    } finally {
      await maker.stop();
    }
    await fs.rm(cache, { recursive: true, force: true });
    await fs.rename(staging, cache);
  }
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-scale-run-'));
  await fs.cp(path.join(cache, 'projects'), path.join(home, 'projects'), { recursive: true });
  return home;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const scenes = Number(process.argv[2] ?? LARGE.scenes);
  const assets = Number(process.argv[3] ?? LARGE.assets);
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-scale-'));
  const host = await startWebHostProcess({ home });
  const started = performance.now();
  await makeScaleProject(host, { title: 'Large project', scenes, assets }, console.log);
  console.log(`made ${scenes} scenes and ${assets} assets in ${((performance.now() - started) / 1000).toFixed(0)} s; ATELIER_HOME=${home}`);
  await host.stop();
}
