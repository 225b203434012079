// One test file in its own process, as `node --test` runs each file (the same flags, the
// spec reporter), with its output kept whole and its closing counts read back.
// ATELIER_TEST_CPU=1 also reads the CPU seconds the file cost, its child processes
// (CLI runs, engine hosts, ffmpeg, Chromium) included, through GNU time where installed:
// on a shared machine wall times say little, CPU seconds say what a quiet one would take.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const measureCpu = process.env.ATELIER_TEST_CPU === '1' && fs.existsSync(GNU_TIME);
let runs = 0;

/**
 * Runs `command` (program and arguments) to its end; resolves with its exit code, its output
 * (stdout and stderr in the order they came), its wall time and, when measured, its CPU time
 * in seconds.
 */
export function runProcess(command, { cwd, env }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const cpuFile = path.join(os.tmpdir(), `atelier-test-cpu-${process.pid}-${(runs += 1)}.txt`);
    const [program, ...args] = measureCpu ? [GNU_TIME, '-f', '%U %S', '-o', cpuFile, ...command] : command;
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      let cpu;
      if (measureCpu) {
        const [user, system] = fs.readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        cpu = user + system;
        fs.rmSync(cpuFile, { force: true });
      }
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString(), seconds: (performance.now() - started) / 1000, cpu });
    });
  });
}

/** Runs one test file as `node --test` runs each file, and reads back its closing counts. */
export async function runFile(file, options) {
  const result = await runProcess([process.execPath, '--import', 'tsx', '--test-reporter=spec', file], options);
  const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)`, 'm').exec(result.output)?.[1] ?? 0);
  return { ...result, passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}
