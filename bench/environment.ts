// Where a result was measured: the machine, Node, the raw libraries' versions and the commit.
// A bench figure means little without them, and a change in any of them explains a jump in a
// table that no change of Atelier's did.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ffmpegPath } from '../main/core/audio/ffmpeg-export.js';

export interface BenchEnvironment {
  /** ISO time the bench finished. */
  date: string;
  commit: string;
  /** Tracked files outside the results differed from the commit. */
  uncommitted: boolean;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; load1: number };
  node: string;
  /** The raw libraries the benches compare against (and ffmpeg's own version). */
  versions: Record<string, string>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RAW_LIBRARIES = ['sharp', 'onnxruntime-node', 'node-llama-cpp', 'espeak-ng', 'fastify', 'wavefile', '@ffmpeg-installer/ffmpeg'];

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

async function ffmpegVersion(): Promise<string> {
  try {
    const run = spawnSync(await ffmpegPath(), ['-version'], { encoding: 'utf8' });
    return /ffmpeg version (\S+)/.exec(run.stdout)?.[1] ?? 'unknown';
  } catch {
    return 'not available';
  }
}

function git(args: string[]): string {
  const run = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : '';
}

/** Everything but the date and the load, which belong to each bench's own moment. */
export async function machineEnvironment(): Promise<Omit<BenchEnvironment, 'date'>> {
  const versions: Record<string, string> = {};
  for (const name of RAW_LIBRARIES) versions[name] = packageVersion(name);
  versions.ffmpeg = await ffmpegVersion();
  const changed = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results', ':!bench/README.md']);
  return {
    commit: git(['rev-parse', '--short=12', 'HEAD']) || 'unknown',
    uncommitted: changed !== '',
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.availableParallelism(),
      memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      load1: 0,
    },
    node: process.version,
    versions,
  };
}

/** Stamps a bench's result: when it ended and how busy the machine was when it began. */
export function stamped(base: Omit<BenchEnvironment, 'date'>, load1: number): BenchEnvironment {
  return { date: new Date().toISOString(), ...base, machine: { ...base.machine, load1: Number(load1.toFixed(2)) } };
}
