// Runs inside a private mount namespace on a small tmpfs (see disk-full.test.ts): fills the
// disk, then saves a project and exports it, and prints what happened as one JSON line.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Job, ProjectSummary } from '../../preload/contract.js';
import { loadProject, saveProject } from '../../main/core/projects/project-folder.js';
import { createStudio } from '../../main/app/studio.js';

const mount = process.argv[2] as string;
const home = path.join(mount, 'home');
const studio = await createStudio({ host: 'cli', home });
const project = (await studio.call('projects.create', { title: 'Full disk' })) as ProjectSummary;

async function exportJob(): Promise<Job> {
  const { jobId } = (await studio.call('projects.export', { format: 'html' })) as { jobId: string };
  for (;;) {
    const job = ((await studio.call('jobs.list', {})) as Job[]).find((j) => j.id === jobId);
    if (job && (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled')) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function errorOf(work: () => Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await work();
    return null;
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

const firstExport = await exportJob();
const projectFile = path.join(project.path, 'project.json');
const before = await fs.readFile(projectFile, 'utf8');

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

const { data } = await loadProject(project.path);
const bigger = {
  ...data,
  title: 'Bigger',
  scenes: Array.from({ length: 4 }, (_, i) => ({ id: `s${i}`, title: 'A long scene', text: 'words '.repeat(15_000) })),
};
const saveError = await errorOf(() => saveProject(project.path, bigger));
const afterSave = await fs.readFile(projectFile, 'utf8');
const failedExport = await exportJob();

const leftovers = (await fs.readdir(project.path, { recursive: true })).filter((f) => /\.(tmp|partial)$/.test(f));
await fs.rm(path.join(mount, 'filler'));
const saveAfterFreeing = await errorOf(() => saveProject(project.path, bigger));
await studio.dispose();

process.stdout.write(
  `${JSON.stringify({
    fillError,
    firstExport: { state: firstExport.state, path: (firstExport.result as { path?: string } | undefined)?.path },
    saveError,
    projectUnchanged: afterSave === before,
    failedExport: { state: failedExport.state, error: failedExport.error },
    leftovers,
    saveAfterFreeing,
  })}\n`,
);
