/**
 * Helpers for kill -9 trials: a seeded random source (a failing round is reproducible
 * from CRASH_SEED), a bundled save loop that starts in milliseconds (a hundred tsx
 * start-ups would take minutes here), killing at a point, and finding leftovers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './web-host.js';

export const CRASH_SEED = Number(process.env.CRASH_SEED ?? 20261206);

/** mulberry32: small, fast and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 5 ms, for at most `limitMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check()) && Date.now() < until) await sleep(5);
}

/** test/support/save-loop.ts as one plain .mjs (same code: saveProject and the atomic writer). */
export async function bundleSaveLoop(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'save-loop.mjs');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'test/support/save-loop.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** Resolves once the child has printed `line` (or rejects when it exits first). */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(line)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${line}"`)));
  });
}

/** SIGKILL (kill -9) and wait until it is gone; a child that already finished is fine. */
export async function killHard(child: ChildProcess): Promise<'killed' | 'finished'> {
  if (child.exitCode !== null || child.signalCode !== null) return 'finished';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return child.signalCode === 'SIGKILL' ? 'killed' : 'finished';
}

export function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every file under `dir` (relative paths), for leftover checks. */
export async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Temp files of interrupted writes (atomic-write `.tmp`, export `.partial`). */
export const isTempFile = (file: string) => /\.(tmp|partial)$/.test(path.basename(file));
