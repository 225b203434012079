// One test file in its own process, as `node --test` runs each file (the same flags, the
// spec reporter), with its output kept whole and its closing counts read back.
// ATELIER_TEST_CPU=1 also reads the CPU seconds the file cost, its child processes
// (CLI runs, engine hosts, ffmpeg, Chromium's browser process) included, through GNU time
// where installed: on a shared machine wall times say little, CPU seconds say what a quiet
// one would take. Chromium's renderers and GPU process are not in it: the zygote that forks
// them outlives the browser at close and is reaped by init, so their time never reaches a
// parent that waits. Process accounting (acct) put them at about 0.9 times the e2e files'
// own figures (416 CPU-s more on 468).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
/**
 * A test file that has not ended after this long is stopped and fails: a hang (a server
 * that never closes, a child that never exits) must fail the run, not hold CI until its cap.
 * The slowest file takes about three minutes on two busy cores.
 */
const FILE_TIMEOUT_SECONDS = 900;

/** Every process below `pid`, from `ps` (Linux and macOS); none where `ps` is missing. */
function descendantsOf(pid) {
  let table;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = new Map();
  for (const line of table.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found = [];
  const walk = (parent) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}
const measureCpu = process.env.ATELIER_TEST_CPU === '1' && fs.existsSync(GNU_TIME);
let runs = 0;

/**
 * Runs `command` (program and arguments) to its end; resolves with its exit code, its output
 * (stdout and stderr in the order they came), its wall time and, when measured, its CPU time
 * in seconds.
 */
export function runProcess(command, { cwd, env, timeoutSeconds }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const cpuFile = path.join(os.tmpdir(), `atelier-test-cpu-${process.pid}-${(runs += 1)}.txt`);
    const [program, ...args] = measureCpu ? [GNU_TIME, '-f', '%U %S', '-o', cpuFile, ...command] : command;
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    let timedOut = false;
    const timer =
      timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            // Its children first (a web host, Chromium, ffmpeg), or they outlive it and hold the pipes open.
            for (const pid of [...descendantsOf(child.pid), child.pid]) {
              try {
                process.kill(pid, 'SIGKILL');
              } catch {
                // Already gone.
              }
            }
          }, timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) chunks.push(Buffer.from(`\n✖ stopped: still running after ${timeoutSeconds} s\n`));
      let cpu;
      if (measureCpu && !timedOut) {
        const [user, system] = fs.readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        cpu = user + system;
        fs.rmSync(cpuFile, { force: true });
      }
      resolve({
        code: timedOut ? 124 : (code ?? (signal ? 128 : 1)),
        output: Buffer.concat(chunks).toString(),
        seconds: (performance.now() - started) / 1000,
        cpu,
      });
    });
  });
}

/** How a test file's TypeScript loads: the run's compiled tree (test-loader/), not tsx, which cost each file about 0.45 CPU-s to set up. */
const LOADER = new URL('./test-loader/register.mjs', import.meta.url).href;

/**
 * Runs one test file as `node --test` runs each file, and reads back its closing counts. The
 * caller compiles the tree first (test-loader/compile.mjs); a file changed since is compiled
 * as it loads.
 */
export async function runFile(file, options) {
  const result = await runProcess([process.execPath, '--import', LOADER, '--test-reporter=spec', file], { timeoutSeconds: FILE_TIMEOUT_SECONDS, ...options });
  const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)`, 'm').exec(result.output)?.[1] ?? 0);
  return { ...result, passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}
