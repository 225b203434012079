// Runs inside a private mount namespace on a small tmpfs (see video-disk-full.test.ts):
// exports a video, fills the disk, exports again, and prints what happened as one JSON line.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job, ProjectSummary } from '../../preload/contract.js';
import { createStudio } from '../../main/app/studio.js';

const mount = process.argv[2] as string;
const studio = await createStudio({ host: 'cli', home: path.join(mount, 'home') });
const project = (await studio.call('projects.create', { title: 'Full disk video' })) as ProjectSummary;
await studio.call('storyboard.edit', { op: 'add', title: 'Harbour', text: 'The boats come in.' });
await studio.call('storyboard.edit', { op: 'add', title: 'Lighthouse', text: 'The lamp turns.' });

async function exportVideo(): Promise<Job> {
  const { jobId } = (await studio.call('projects.export', { format: 'mp4', resolution: '720p' })) as { jobId: string };
  for (;;) {
    const job = ((await studio.call('jobs.list', {})) as Job[]).find((j) => j.id === jobId);
    if (job && (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled')) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const firstExport = await exportVideo();

// Fill the disk to the last block.
const filler = await fs.open(path.join(mount, 'filler'), 'w');
const chunk = Buffer.alloc(64 * 1024, 1);
let fillError = '';
for (;;) {
  try {
    await filler.write(chunk);
  } catch (error) {
    fillError = (error as NodeJS.ErrnoException).code ?? String(error);
    break;
  }
}
for (let size = chunk.length >> 1; size >= 512; size >>= 1) await filler.write(chunk.subarray(0, size)).catch(() => undefined);
await filler.close();

const failedExport = await exportVideo();
const leftovers = (await fs.readdir(project.path, { recursive: true })).filter((f) => /\.(tmp|partial)$/.test(f));
// This process's work folders in the system's temp folder (TMPDIR, private to the test).
const workFolders = (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith(`atelier-video-${process.pid}-`));
await studio.dispose();

process.stdout.write(
  `${JSON.stringify({
    fillError,
    firstExport: { state: firstExport.state, error: firstExport.error },
    failedExport: { state: failedExport.state, error: failedExport.error },
    leftovers,
    workFolders,
  })}\n`,
);
