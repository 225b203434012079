// Runs the suites with Node's own test runner (TypeScript through tsx), in order:
// unit, integration, e2e. `node scripts/test.mjs e2e` runs one suite.
import { spawnSync } from 'node:child_process';
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

let failed = false;
for (const suite of selected) {
  const files = testFiles(suite);
  if (files.length === 0) continue;
  console.log(`\n=== ${suite}: ${files.length} file(s)`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${suite === 'unit' ? 2 : 1}`, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ATELIER_TEST_SUITE: suite } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
