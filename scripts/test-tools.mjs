// The programs `npm test` runs besides Node and Chromium: independent readers of the files
// Atelier writes. Checked before any test starts, so a missing one is one clear line with
// the package to install, not a spawn error deep inside a test.
import fs from 'node:fs';
import path from 'node:path';

/** name: what a test runs; path: a fixed location the tests use instead of PATH; apt: Debian/Ubuntu's package. */
const TOOLS = [
  { name: 'ffprobe', path: '/usr/bin/ffprobe', apt: 'ffmpeg', why: 'reads the exported videos', suites: ['unit', 'integration', 'e2e'] },
  { name: 'identify', apt: 'imagemagick', why: 'reads the pictures’ metadata as other tools do', suites: ['integration'] },
  { name: 'unzip', apt: 'unzip', why: 'tests the zip exports', suites: ['integration'] },
];

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Like the shell's lookup: the first executable file of that name in a PATH folder (unreadable folders are skipped). */
export function onPath(name, env = process.env) {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && executable(path.join(dir, name)));
}

/** The tools that the given suites need and this machine lacks. */
export function missingTools(suites, env = process.env) {
  return TOOLS.filter((tool) => tool.suites.some((suite) => suites.includes(suite))).filter((tool) =>
    tool.path ? !executable(tool.path) : !onPath(tool.name, env),
  );
}

/** One message for all of them, with one install line. */
export function missingToolsHint(missing) {
  const list = missing.map((tool) => `${tool.path ?? tool.name} (${tool.why})`).join(', ');
  const packages = [...new Set(missing.map((tool) => tool.apt))].join(' ');
  return `The tests need programs that are not installed: ${list}. Debian/Ubuntu: sudo apt-get install ${packages}`;
}
