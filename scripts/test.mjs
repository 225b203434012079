// Runs the suites with Node's own test runner (TypeScript through tsx), in order:
// unit, integration, e2e. `node scripts/test.mjs e2e` runs one suite.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, CHROMIUM_HINT } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = ['unit', 'integration', 'e2e'];
const wanted = process.argv.slice(2).filter((a) => suites.includes(a));
const selected = wanted.length > 0 ? wanted : suites;

function testFiles(dir) {
  const out = [];
  const visit = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (/\.test\.ts$/.test(entry.name)) out.push(path.relative(root, p));
    }
  };
  visit(path.join(root, 'test', dir));
  return out.sort();
}

if (selected.includes('e2e') && !findChromium()) {
  console.error(CHROMIUM_HINT);
  process.exit(1);
}

/** Runs one suite, echoing the spec reporter and reading its closing counts. */
function runSuite(suite, files) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${suite === 'unit' ? 2 : 1}`, ...files], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ATELIER_TEST_SUITE: suite, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on('exit', (code) => {
      const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
      resolve({ code, passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') });
    });
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const suite of selected) {
  const files = testFiles(suite);
  if (files.length === 0) continue;
  console.log(`\n=== ${suite}: ${files.length} file(s)`);
  const result = await runSuite(suite, files);
  if (result.code !== 0) exitCode = 1;
  total.passed += result.passed;
  total.failed += result.failed;
  total.skipped += result.skipped;
}
if (total.passed + total.failed === 0) exitCode = 1;
console.log(`\ntotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(exitCode);
