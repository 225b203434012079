// Flake watch: `npm run test:repeat -- N [--hog K] [--jobs J] FILE|SUITE…` runs the named
// files (or every file of the named suites: integration, e2e, unit) N times and reports, per
// file, how many runs failed; exit 1 if any did. Each run goes through the same pool as
// `npm test` (J files at a time, the files that must run alone by themselves), so a file
// has others beside it as it has in CI. `--hog K` keeps K busy loops running for the whole
// length, to find the tests that assume a fast or idle machine. The output of every failed
// run is kept in test-artifacts/test-repeat/ so the flake can be read afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultJobs, planOrder, RUNS_ALONE, SUITES, testFilesFor } from './test-plan.mjs';
import { runFile } from './test-file.mjs';
import { compileForTests } from './test-loader/compile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run test:repeat -- N [--hog K] [--jobs J] FILE|SUITE… (runs them N times and reports which ever failed)';

function parseArgs(argv) {
  const [countArg, ...rest] = argv;
  const options = { runs: Number(countArg), hogs: 0, jobs: defaultJobs(), targets: [] };
  for (let i = 0; i < rest.length; i += 1) {
    if (rest[i] === '--hog' || rest[i] === '--jobs') options[rest[i] === '--hog' ? 'hogs' : 'jobs'] = Number(rest[(i += 1)]);
    else options.targets.push(rest[i]);
  }
  const whole = (n, min) => Number.isInteger(n) && n >= min;
  return whole(options.runs, 1) && whole(options.hogs, 0) && whole(options.jobs, 1) && options.targets.length > 0 ? options : undefined;
}

const options = parseArgs(process.argv.slice(2));
if (!options) {
  console.error(USAGE);
  process.exit(2);
}
const missing = options.targets.filter((t) => t.endsWith('.ts') && !fs.existsSync(path.resolve(root, t)));
const unknown = options.targets.filter((t) => !t.endsWith('.ts') && !SUITES.includes(t));
if (missing.length > 0 || unknown.length > 0) {
  console.error(`no such test file or suite: ${[...missing, ...unknown].join(', ')}\n${USAGE}`);
  process.exit(2);
}
const files = planOrder(testFilesFor(options.targets, root), root);
await compileForTests(root);
const logs = path.join(root, 'test-artifacts', 'test-repeat');

// The load: busy loops that also end when this process does, however it ends (each checks
// every 100 ms whether its parent is still the one that started it).
const HOG = 'const p = process.ppid; for (;;) { const t = Date.now(); while (Date.now() - t < 100); if (process.ppid !== p) process.exit(0); }';
const hogs = Array.from({ length: options.hogs }, () => spawn(process.execPath, ['-e', HOG], { stdio: 'ignore' }));

const results = new Map(files.map((file) => [file, { failedRuns: 0, tests: new Map(), seconds: [] }]));

async function runOnce(run, file) {
  const result = await runFile(file, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  const entry = results.get(file);
  entry.seconds.push(result.seconds);
  const label = `run ${run}/${options.runs} ${file}`;
  if (result.code === 0) {
    console.log(`✔ ${label}: ${result.passed} passed (${result.seconds.toFixed(0)} s)`);
    return;
  }
  entry.failedRuns += 1;
  const failedTests = [...result.output.matchAll(/^\s*✖ (.+?) \(\d/gm)].map((m) => m[1]);
  for (const name of new Set(failedTests)) entry.tests.set(name, (entry.tests.get(name) ?? 0) + 1);
  fs.mkdirSync(logs, { recursive: true });
  const log = path.join(logs, `${file.replace(/[\\/]/g, '__')}.run${run}.log`);
  fs.writeFileSync(log, result.output);
  console.log(
    `✖ ${label}: exit ${result.code}, ${result.failed} failed, ${result.passed} passed (${result.seconds.toFixed(0)} s); output in ${path.relative(root, log)}`,
  );
}

const started = performance.now();
console.log(`flake watch: ${options.runs} run(s) of ${files.length} file(s), ${options.jobs} at a time, ${options.hogs} busy loop(s) beside them`);
for (let run = 1; run <= options.runs; run += 1) {
  const runStarted = performance.now();
  for (const file of files.filter((f) => RUNS_ALONE.has(f))) await runOnce(run, file);
  const pool = files.filter((f) => !RUNS_ALONE.has(f));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.jobs, pool.length) }, async () => {
      while (next < pool.length) await runOnce(run, pool[next++]);
    }),
  );
  const failedNow = [...results.values()].filter((e) => e.seconds.length === run && e.failedRuns > 0).length;
  console.log(
    `— run ${run}/${options.runs} ended after ${((performance.now() - runStarted) / 1000).toFixed(0)} s (${failedNow} file(s) failed in some run so far)`,
  );
}
for (const hog of hogs) hog.kill();

console.log(
  `\nflake watch: ${options.runs} run(s) of ${files.length} file(s) in ${((performance.now() - started) / 1000).toFixed(0)} s, ${options.hogs} busy loop(s)`,
);
let anyFailed = false;
for (const [file, entry] of results) {
  const mean = entry.seconds.reduce((a, b) => a + b, 0) / entry.seconds.length;
  if (entry.failedRuns === 0) continue;
  anyFailed = true;
  console.log(`✖ ${file}: ${entry.failedRuns}/${options.runs} runs failed (mean ${mean.toFixed(0)} s)`);
  for (const [name, times] of entry.tests) console.log(`    ${times}× ${name}`);
}
console.log(anyFailed ? 'flake watch: some runs failed (above)' : `flake watch: every file passed in all ${options.runs} runs`);
process.exit(anyFailed ? 1 : 0);
