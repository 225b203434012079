import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// A newcomer's `npm install` runs with nothing set and no network but the registry, so the
// project itself must carry every install decision (issue: a fresh machine).
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => fs.readFileSync(`${root}/${file}`, 'utf8');
const manifest = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean>; optionalDependencies?: Record<string, string> };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };

const withInstallScripts = Object.entries(lock.packages)
  .filter(([, entry]) => entry.hasInstallScript === true)
  .map(([where]) => where.replace(/^.*node_modules\//, ''));

test('every dependency with an install script has a decision in allowScripts, and no entry is stale', () => {
  const decided = Object.keys(manifest.allowScripts ?? {});
  assert.deepEqual([...new Set(withInstallScripts)].sort(), decided.sort());
});

test("the install scripts that download (Electron's binary, ONNX Runtime's CUDA files) are denied", () => {
  assert.equal(manifest.allowScripts?.electron, false);
  assert.equal(manifest.allowScripts?.['onnxruntime-node'], false);
  // Electron stays optional, so npm versions that run its script drop it where the download fails.
  assert.ok(manifest.optionalDependencies?.electron);
});

test('.npmrc skips the CUDA fetch for npm versions without allowScripts', () => {
  const settings = read('.npmrc')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  assert.ok(settings.includes('onnxruntime-node-install=skip'));
});

test('.ci/run sets no variable that changes what installs', () => {
  const script = read('.ci/run');
  assert.doesNotMatch(script, /export\s+(ELECTRON_|ONNXRUNTIME_|npm_config_)/i);
  assert.match(script, /^npm ci\b/m);
  assert.match(script, /^npm test$/m);
});
