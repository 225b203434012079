import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../test/support/web-host.js';
import { benchRuns, median, RATIO, report } from './report.js';

interface Sample {
  startMs: number;
  idleRssMb: number;
  callsPerSecond: number;
}

const RUNS = benchRuns(5);
const CALLS = 300;

async function rssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function measure(args: string[], env: NodeJS.ProcessEnv, call: string): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (match) resolve(new URL(match[1] as string));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const startMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const idleRssMb = await rssMb(child.pid as number);
  const token = url.searchParams.get('token');
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i += 1) {
    const response = await fetch(`${url.origin}/api/${call}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    await response.json();
  }
  const callsPerSecond = CALLS / ((performance.now() - t0) / 1000);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { startMs, idleRssMb, callsPerSecond };
}

export async function benchWebHost(): Promise<void> {
  const rows: [string, Sample[]][] = [
    ['atelier serve (web host)', []],
    ['raw fastify (baseline)', []],
  ];
  for (let run = 0; run < RUNS; run += 1) {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-'));
    rows[0]?.[1].push(await measure([CLI, 'serve', '--port', '0'], { ATELIER_HOME: home }, 'projects.list'));
    rows[1]?.[1].push(await measure([path.join(import.meta.dirname, 'raw-fastify-server.mjs')], {}, 'projects.list'));
    await fs.rm(home, { recursive: true, force: true });
  }
  const [atelier, raw] = rows.map(([, samples]) => ({
    startMs: median(samples.map((s) => s.startMs)),
    idleRssMb: median(samples.map((s) => s.idleRssMb)),
    callsPerSecond: median(samples.map((s) => s.callsPerSecond)),
  })) as [Sample, Sample];
  report({
    bench: 'web-host',
    title: `median of ${RUNS} launches; ${CALLS} sequential POST /api/projects.list calls each`,
    note: 'raw = a bare fastify server answering the same route (bench/raw-fastify-server.mjs).',
    label: 'measure',
    columns: [{ key: 'atelier', name: 'atelier serve (web host)' }, { key: 'raw', name: 'raw fastify' }, RATIO],
    rows: [
      { label: 'start to URL (ms)', atelier: atelier.startMs, raw: raw.startMs },
      { label: 'idle RSS (MB)', atelier: atelier.idleRssMb, raw: raw.idleRssMb },
      { label: 'calls/s', atelier: atelier.callsPerSecond, raw: raw.callsPerSecond },
    ],
  });
}
