import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(REPO_ROOT, 'bin', 'atelier.mjs');

export interface RunningWebHost {
  url: string;
  origin: string;
  token: string;
  home: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the printed URL. */
  startMs: number;
  stop(): Promise<void>;
}

export async function tempHome(prefix = 'atelier-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Starts the real CLI (`atelier serve --port 0`) with its own data folder. */
export async function startWebHostProcess(options: { home?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningWebHost> {
  const home = options.home ?? (await tempHome());
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...(options.args ?? [])], {
    env: { ...process.env, ...options.env, ATELIER_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: starting compiles TypeScript through tsx, slow on a loaded machine. A host that
    // never says where it listens is killed, or it would keep the test process alive forever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web host did not start in 120 s\n${stdout}\n${stderr}`));
    }, 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
  const startMs = performance.now() - started;
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') as string,
    home,
    process: child,
    startMs,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** POSTs a contract call the way the renderer does. */
export async function callApi(host: Pick<RunningWebHost, 'origin' | 'token'>, name: string, input: unknown = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: unknown; error?: { code: string; message: string } };
  return { status: response.status, ...body };
}

/** Runs the real CLI to completion, as a user would from a shell. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}
