// Which test files run first and which run alone (scripts/test.mjs).
import fs from 'node:fs';
import path from 'node:path';

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
