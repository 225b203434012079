import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudio } from '../main/app/studio.js';
import { buildStoryProject, type SceneRecipe } from '../test/support/story-project.js';
import { probeMedia } from '../test/support/media-probe.js';
import { report, type Row } from './report.js';

const SCENE_COUNT = 50;
const FORMATS = ['zip', 'html', 'md', 'pdf', 'mp4', 'webm'] as const;
const CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));

const SCENES: SceneRecipe[] = Array.from({ length: SCENE_COUNT }, (_, i) => ({
  title: `Scene ${i + 1}`,
  text: `Scene ${i + 1}. The keeper walks the harbour wall and watches the lamps come on, one by one.`,
  // Mixed pictures, as a real storyboard has: procedural, drawn PNG and WebP.
  image: (['procedural', 'png', 'webp'] as const)[i % 3],
  narrate: true,
  bed: i % 10 === 0,
}));

interface ChildReport {
  wallSeconds: number;
  rssBeforeBytes: number;
  maxRssBeforeKiB: number;
  maxRssAfterKiB: number;
  path: string;
  size: number;
}

/** Every process below `pid`, from /proc/<pid>/task/<tid>/children (Linux). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const walk = (parent: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let text = '';
      try {
        text = readFileSync(`/proc/${parent}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of text.trim().split(/\s+/).filter(Boolean).map(Number)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** VmHWM (peak resident set, KiB) of a process named ffmpeg, or undefined. */
function ffmpegHighWater(pid: number): number | undefined {
  try {
    if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('ffmpeg')) return undefined;
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one export in a child process; meanwhile samples, every 20 ms, the VmHWM of each ffmpeg
 * the child starts (a high-water mark, so the last sample before ffmpeg exits is its peak).
 */
async function exportInChild(home: string, projectId: string, format: string): Promise<ChildReport & { ffmpegPeakKiB: number; ffmpegRuns: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, home, projectId, format], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const peaks = new Map<number, number>();
  const timer = setInterval(() => {
    for (const pid of descendants(child.pid as number)) {
      const hwm = ffmpegHighWater(pid);
      if (hwm !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
    }
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`export ${format} failed (exit ${code}): ${stderr.slice(-2000)}`);
  const report = JSON.parse(stdout.trim().split('\n').pop() as string) as ChildReport;
  return { ...report, ffmpegPeakKiB: Math.max(0, ...peaks.values()), ffmpegRuns: peaks.size };
}

const mibFromKiB = (kib: number) => kib / 1024;

/**
 * Each of the six export formats of one 50-scene narrated project, each in a fresh process:
 * wall time, the studio process's peak RSS (getrusage maxRSS) and its growth over the RSS it
 * had with the project open, ffmpeg's peak (VmHWM sampled from /proc) where one runs, file
 * size, and for the videos the speed as a multiple of real time. One run per format.
 */
export async function benchExport(): Promise<void> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-export-all-'));
  try {
    const buildStarted = performance.now();
    const studio = await createStudio({ host: 'cli', home });
    let projectId: string;
    try {
      projectId = (await buildStoryProject(studio, 'Bench Harbour', SCENES)).project.id;
    } finally {
      await studio.dispose();
    }
    const buildSeconds = (performance.now() - buildStarted) / 1000;

    const rows: Row[] = [];
    for (const format of FORMATS) {
      const r = await exportInChild(home, projectId, format);
      const video = format === 'mp4' || format === 'webm' ? probeMedia(r.path).durationSeconds : undefined;
      rows.push({
        label: format === 'mp4' || format === 'webm' ? `${format} 720p` : format,
        wall: r.wallSeconds,
        studioPeak: mibFromKiB(r.maxRssAfterKiB),
        studioGrowth: mibFromKiB(r.maxRssAfterKiB - r.rssBeforeBytes / 1024),
        ffmpegPeak: r.ffmpegRuns > 0 ? mibFromKiB(r.ffmpegPeakKiB) : null,
        ffmpegRuns: r.ffmpegRuns,
        output: r.size / 1e6,
        video: video ?? null,
        speed: video === undefined ? null : video / r.wallSeconds,
      });
      console.error(`export ${format}: ${r.wallSeconds.toFixed(1)} s`);
    }
    report({
      bench: 'export',
      title: `one ${SCENE_COUNT}-scene project, each export in a fresh process, one run each`,
      note:
        `Every scene narrated with espeak; pictures procedural, PNG and WebP; a rain bed every 10th scene; built in ${buildSeconds.toFixed(0)} s. No raw baseline: the formats have no one-library equivalent. ` +
        'studio peak = getrusage maxRSS of that process; growth = peak minus its RSS with the project open, before the export; ' +
        'ffmpeg peak = largest VmHWM of its ffmpeg children, sampled from /proc every 20 ms.',
      label: 'format',
      columns: [
        { key: 'wall', name: 'wall', unit: 's', digits: 2 },
        { key: 'studioPeak', name: 'studio peak', unit: 'MiB', digits: 0 },
        { key: 'studioGrowth', name: 'studio growth', unit: 'MiB', digits: 0 },
        { key: 'ffmpegPeak', name: 'ffmpeg peak', unit: 'MiB', digits: 0 },
        { key: 'ffmpegRuns', name: 'ffmpeg runs', digits: 0 },
        { key: 'output', name: 'output', unit: 'MB', digits: 1 },
        { key: 'video', name: 'video', unit: 's', digits: 1 },
        { key: 'speed', name: 'speed', unit: '× real time', digits: 2 },
      ],
      rows,
    });
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
}
