// Runs the suites (unit, integration, e2e) with Node's own test runner, TypeScript through
// tsx. `node scripts/test.mjs e2e` runs one suite; `node scripts/test.mjs test/x.test.ts …`
// runs those files the same way. `--with-checks` (npm test) also runs the type-check and
// the lint as two more jobs of the same pool, so they use the cores the tests leave idle.
//
// Every file runs in its own process, as `node --test` would run it, from one pool shared by
// the suites: on 2 cores the integration and e2e files spend much of their time waiting on
// child processes, servers and the browser, so two at a time finish in well under the time
// of one after another. The longest files start first (scripts/test-plan.mjs), and the few
// that must not share the machine run alone. Each file's output is printed whole when it
// ends, so nothing interleaves. ATELIER_TEST_JOBS=1 runs one file at a time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, CHROMIUM_HINT } from './find-chromium.mjs';
import { missingTools, missingToolsHint } from './test-tools.mjs';
import { planOrder, recordDurations, RUNS_ALONE, SUITES as suites, defaultJobs, testFilesFor } from './test-plan.mjs';
import { runFile, runProcess } from './test-file.mjs';
import { compileForTests } from './test-loader/compile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const wanted = args.filter((a) => suites.includes(a));
const named = args.filter((a) => a.endsWith('.ts'));
const withChecks = args.includes('--with-checks');

const suiteOf = (file) => suites.find((s) => file.startsWith(`test/${s}/`)) ?? 'other';
const files = testFilesFor([...wanted, ...named], root);
if (files.some((f) => suiteOf(f) === 'e2e') && !findChromium()) {
  console.error(CHROMIUM_HINT);
  process.exit(1);
}
const missing = missingTools([...new Set(files.map(suiteOf))]);
if (missing.length > 0) {
  console.error(missingToolsHint(missing));
  process.exit(1);
}

// Engine hosts and workers run from their built bundles (main/platform/worker-entry.ts): a
// host started through tsx costs about 1.5 CPU-s more, and the suite starts hundreds. So the
// build must be current, as `npm test` makes it; a file run alone gets the same.
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
process.env.ATELIER_WORKERS ??= 'built';
// The test files' own TypeScript, compiled once for the whole run (scripts/test-loader/).
await compileForTests(root);

const jobs = defaultJobs();
const ordered = planOrder(files, root);
console.log(`\n=== ${files.length} test file(s): ${suites.map((s) => `${files.filter((f) => suiteOf(f) === s).length} ${s}`).join(', ')}; ${jobs} at a time`);

const started = performance.now();
const perSuite = Object.fromEntries(suites.map((s) => [s, { passed: 0, failed: 0, skipped: 0, files: 0 }]));
const durations = {};
const cpu = {};
const failedFiles = [];

/** Runs `file`, prints its whole output, and adds its counts to its suite's. */
async function runOne(file) {
  const suite = suiteOf(file);
  const result = await runFile(file, { cwd: root, env: { ...process.env, ATELIER_TEST_SUITE: suite, FORCE_COLOR: '0' } });
  durations[file] = result.seconds;
  if (result.cpu !== undefined) cpu[file] = result.cpu;
  const cpuNote = result.cpu === undefined ? '' : `, ${result.cpu.toFixed(1)} s CPU`;
  process.stdout.write(
    `\n--- ${file} (${suite}, ${result.seconds.toFixed(1)} s${cpuNote}${result.code === 0 ? '' : `, exit ${result.code}`})\n${result.output}`,
  );
  const counts = perSuite[suite] ?? (perSuite[suite] = { passed: 0, failed: 0, skipped: 0, files: 0 });
  counts.files += 1;
  counts.passed += result.passed;
  counts.skipped += result.skipped;
  // A file that dies before its summary still counts as one failure.
  counts.failed += result.code !== 0 && result.failed === 0 ? 1 : result.failed;
  if (result.code !== 0) failedFiles.push(file);
}

/** npm's own script runner where npm started us, so `lint` is the same script `npm run lint` runs. */
const npm = process.env.npm_execpath && /\.[cm]?js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
const CHECKS = {
  typecheck: [process.execPath, path.join(root, 'scripts', 'typecheck.mjs')],
  lint: [...npm, 'run', '--silent', 'lint'],
};

/** A check has no test counts: its exit status is its verdict. */
async function runCheck(name) {
  const result = await runProcess(CHECKS[name], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.cpu !== undefined) cpu[name] = result.cpu;
  const cpuNote = result.cpu === undefined ? '' : `, ${result.cpu.toFixed(1)} s CPU`;
  process.stdout.write(`\n--- ${name} (${result.seconds.toFixed(1)} s${cpuNote}${result.code === 0 ? '' : `, exit ${result.code}`})\n${result.output}`);
  if (result.code !== 0) failedFiles.push(name);
}

// Files that must not share the machine first, one by one; then the pool, the checks (the
// longest jobs of all) ahead of the files.
const alone = ordered.filter((f) => RUNS_ALONE.has(f));
const pool = [
  ...(withChecks ? Object.keys(CHECKS).map((name) => () => runCheck(name)) : []),
  ...ordered.filter((f) => !RUNS_ALONE.has(f)).map((f) => () => runOne(f)),
];
for (const file of alone) await runOne(file);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, pool.length) }, async () => {
    while (next < pool.length) await pool[next++]();
  }),
);
recordDurations(durations, root);

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('');
for (const [suite, c] of Object.entries(perSuite)) {
  if (c.files === 0) continue;
  console.log(`${suite}: ${c.files} file(s), ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
if (cpuTotal > 0) {
  console.log(
    `\nCPU seconds (user + system, child processes included, except Chromium's renderers and GPU process: scripts/test-file.mjs): ${cpuTotal.toFixed(0)} in all; the 25 costliest files:`,
  );
  for (const [file, seconds] of Object.entries(cpu)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25))
    console.log(`${seconds.toFixed(1).padStart(7)}  ${file}`);
}
if (failedFiles.length > 0) console.log(`failed: ${failedFiles.join(', ')}`);
console.log(`\ntotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failedFiles.length > 0 || total.passed + total.failed === 0 ? 1 : 0);
