// How long the `atelier` command takes to answer before it does any work: --version, --help,
// a command's --help (beside `node -e ""`, the cost of Node itself) and `atelier serve` to its
// URL (beside a bare fastify server). Runs are interleaved so a busy machine slows both alike.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../test/support/web-host.js';
import { benchRuns, median, RATIO, report } from './report.js';

const RUNS = benchRuns(9);
const URL_LINE = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/;

/** Milliseconds from spawn to exit (`until` absent) or to the first stdout line `until` matches. */
async function timeRun(args: string[], env: NodeJS.ProcessEnv = {}, until?: RegExp): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let out = '';
  const elapsed = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until?.test(out)) resolve(performance.now() - started);
    });
    void exited.then((code) => {
      if (until) reject(new Error(`${args.join(' ')} exited ${code} before printing its URL`));
      else if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}`));
      else resolve(performance.now() - started);
    });
  });
  if (until) {
    child.kill('SIGTERM');
    await exited;
  }
  return elapsed;
}

export async function benchCliStartup(): Promise<void> {
  const warmCache = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-code-cache-'));
  try {
    await timeLaunches(warmCache);
  } finally {
    await fs.rm(warmCache, { recursive: true, force: true });
  }
}

async function timeLaunches(warmCache: string): Promise<void> {
  const cases: { label: string; run: () => Promise<number>; baseline: 'node' | 'fastify' }[] = [
    { label: 'atelier --version', run: () => timeRun([CLI, '--version']), baseline: 'node' },
    { label: 'atelier --help', run: () => timeRun([CLI, '--help']), baseline: 'node' },
    { label: 'atelier image --help', run: () => timeRun([CLI, 'image', '--help']), baseline: 'node' },
    // serve runs through V8's code cache (bin/code-cache.mjs): the warm-up round writes it, as a
    // user's first launch does; the second row gives every launch an empty cache folder.
    { label: 'atelier serve to URL', run: () => serveOnce(warmCache), baseline: 'fastify' },
    { label: 'atelier serve to URL, first launch (no code cache)', run: () => serveOnce(), baseline: 'fastify' },
  ];
  const raw = { node: [] as number[], fastify: [] as number[] };
  const samples = cases.map(() => [] as number[]);
  // One warm-up round, so the first timed run does not also pay for a cold disk cache.
  for (let run = -1; run < RUNS; run += 1) {
    const nodeMs = await timeRun(['-e', '']);
    const fastifyMs = await timeRun([path.join(import.meta.dirname, 'raw-fastify-server.mjs')], {}, URL_LINE);
    const timed = [];
    for (const c of cases) timed.push(await c.run());
    if (run < 0) continue;
    raw.node.push(nodeMs);
    raw.fastify.push(fastifyMs);
    timed.forEach((ms, i) => samples[i]?.push(ms));
  }
  report({
    bench: 'cli-startup',
    title: `median of ${RUNS} interleaved launches each (ms)`,
    note: 'raw = `node -e ""` for the CLI rows, a bare fastify server printing its URL (bench/raw-fastify-server.mjs) for serve. `atelier serve` runs through V8\'s code cache (bin/code-cache.mjs), which its first launch writes; the "first launch" row gives every launch an empty cache folder.',
    label: 'launch',
    columns: [{ key: 'atelier', name: 'atelier', unit: 'ms' }, { key: 'raw', name: 'raw', unit: 'ms' }, RATIO],
    rows: cases.map((c, i) => ({ label: c.label, atelier: median(samples[i] ?? []), raw: median(raw[c.baseline]) })),
  });
}

/** One `atelier serve` to its URL on a fresh data folder, with `codeCache` (absent: an empty one) as its code cache. */
async function serveOnce(codeCache?: string): Promise<number> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-'));
  try {
    return await timeRun([CLI, 'serve', '--port', '0'], { ATELIER_HOME: home, ATELIER_CODE_CACHE: codeCache ?? path.join(home, 'code-cache') }, URL_LINE);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
}
