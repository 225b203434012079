// Which test files run first and which run alone (scripts/test.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SUITES = ['unit', 'integration', 'e2e'];

/** Files at a time: two on this 2-core machine, where the e2e and integration files mostly wait on children. */
export const defaultJobs = () => Number(process.env.ATELIER_TEST_JOBS) || Math.min(4, Math.max(2, os.availableParallelism()));

function suiteFiles(root, suite) {
  const out = [];
  const visit = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (/\.test\.ts$/.test(entry.name)) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  visit(path.join(root, 'test', suite));
  return out.sort();
}

/**
 * The test files that `args` name: suite names (unit, integration, e2e) stand for all their
 * files, paths ending in .ts for themselves; no suite and no file means every suite.
 */
export function testFilesFor(args, root) {
  const wanted = args.filter((a) => SUITES.includes(a));
  const named = args.filter((a) => a.endsWith('.ts')).map((f) => path.relative(root, path.resolve(f)).split(path.sep).join('/'));
  const selected = wanted.length > 0 || named.length > 0 ? wanted : SUITES;
  return [...new Set([...selected.flatMap((suite) => suiteFiles(root, suite)), ...named])];
}

/**
 * Files that must not run beside another. desktop-package: electron-builder walks the tree
 * under node_modules and dist/ and keeps its own cache in the user's home, so it runs with
 * nothing else writing. Everything else takes its ports from the system (port 0 or a free
 * port), its folders from mkdtemp, and changes the environment only of its own process.
 */
export const RUNS_ALONE = new Set(['test/integration/desktop-package.test.ts']);

/**
 * The longest files by wall time on a quiet 2-core machine (seconds), so a clean clone also
 * starts them first; a file's last measured time (test-artifacts/test-durations.json) wins.
 */
const EXPECTED_SECONDS = {
  'test/integration/crash-trials.test.ts': 60,
  'test/integration/export-cli.test.ts': 40,
  'test/integration/storyboard-from-prompt.test.ts': 35,
  'test/integration/bundle-import.test.ts': 30,
  'test/integration/project-export.test.ts': 30,
  'test/integration/cli-help.test.ts': 25,
  'test/integration/video-publish.test.ts': 25,
  'test/integration/espeak-cli.test.ts': 20,
  'test/integration/project-cli.test.ts': 20,
  'test/integration/cli.test.ts': 20,
};
/** For files never measured: the e2e files take longest, then integration, then unit. */
const SUITE_SECONDS = { e2e: 20, integration: 8, unit: 1 };

const durationsFile = (root) => path.join(root, 'test-artifacts', 'test-durations.json');

function readDurations(root) {
  try {
    const parsed = JSON.parse(fs.readFileSync(durationsFile(root), 'utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Longest first, so the pool does not end waiting on one long file started last. */
export function planOrder(files, root) {
  const measured = readDurations(root);
  const expected = (file) => measured[file] ?? EXPECTED_SECONDS[file] ?? SUITE_SECONDS[file.split('/')[1]] ?? 5;
  return [...files].sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));
}

/** Keeps this run's times for the next run's order; written beside and renamed in, so two runs never leave half a file. */
export function recordDurations(durations, root) {
  const file = durationsFile(root);
  const merged = {
    ...readDurations(root),
    ...Object.fromEntries(
      Object.entries(durations)
        .filter(([f]) => f.startsWith('test/'))
        .map(([f, s]) => [f, Math.round(s * 10) / 10]),
    ),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(merged, null, 2)}\n`);
  fs.renameSync(temp, file);
}
