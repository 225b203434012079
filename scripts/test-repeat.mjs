// Flake watch: `npm run test:repeat -- N FILE…` runs each test file N times, one process at
// a time, and reports per file how many runs failed; exit 1 if any did. The output of a
// failed run is kept in test-artifacts/test-repeat/ so the flake can be read afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [countArg, ...files] = process.argv.slice(2);
const runs = Number(countArg);
if (!Number.isInteger(runs) || runs < 1 || files.length === 0) {
  console.error('usage: npm run test:repeat -- N FILE… (runs each test file N times and reports which ever failed)');
  process.exit(2);
}
const missing = files.filter((file) => !fs.existsSync(path.resolve(root, file)));
if (missing.length > 0) {
  console.error(`no such test file: ${missing.join(', ')}`);
  process.exit(2);
}
const logs = path.join(root, 'test-artifacts', 'test-repeat');

/** One run of one file; resolves with its exit code, its closing counts and its output. */
function runOnce(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code, signal) => {
      const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
      const failedTests = [...out.matchAll(/^\s*✖ (.+?) \(\d/gm)].map((m) => m[1]);
      resolve({
        ok: code === 0,
        code: code ?? signal,
        passed: count('pass'),
        failed: count('fail') + count('cancelled'),
        failedTests,
        out,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

const results = new Map(files.map((file) => [file, { failedRuns: 0, tests: new Map(), seconds: [] }]));
for (let run = 1; run <= runs; run += 1) {
  for (const file of files) {
    const result = await runOnce(file);
    const entry = results.get(file);
    entry.seconds.push(result.seconds);
    const label = `run ${run}/${runs} ${file}`;
    if (result.ok) {
      console.log(`✔ ${label}: ${result.passed} passed (${result.seconds.toFixed(0)} s)`);
      continue;
    }
    entry.failedRuns += 1;
    for (const name of new Set(result.failedTests)) entry.tests.set(name, (entry.tests.get(name) ?? 0) + 1);
    fs.mkdirSync(logs, { recursive: true });
    const log = path.join(logs, `${file.replace(/[\\/]/g, '__')}.run${run}.log`);
    fs.writeFileSync(log, result.out);
    console.log(
      `✖ ${label}: exit ${result.code}, ${result.failed} failed, ${result.passed} passed (${result.seconds.toFixed(0)} s); output in ${path.relative(root, log)}`,
    );
  }
}

console.log(`\nflake watch: ${runs} run(s) of ${files.length} file(s)`);
let anyFailed = false;
for (const [file, entry] of results) {
  const mean = entry.seconds.reduce((a, b) => a + b, 0) / entry.seconds.length;
  console.log(`${entry.failedRuns === 0 ? '✔' : '✖'} ${file}: ${entry.failedRuns}/${runs} runs failed (mean ${mean.toFixed(0)} s)`);
  for (const [name, times] of entry.tests) console.log(`    ${times}× ${name}`);
  if (entry.failedRuns > 0) anyFailed = true;
}
process.exit(anyFailed ? 1 : 0);
