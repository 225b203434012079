import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { runCli, tempHome } from '../support/web-host.js';

/**
 * onnxruntime-node 1.30 starts Microsoft's 1DS telemetry when it creates its environment:
 * a device id and an upload queue under the user's cache folder, then a DNS lookup of its
 * collector. The engine hosts switch it off (engine-process.ts); this speaks with the real
 * Piper host under a fresh HOME and looks for what the telemetry would have written.
 */

/** The variables ORT itself reads as "running in CI" and then stays silent: cleared, or this test could not fail there. */
const ORT_CI_VARIABLES = [
  'CI',
  'TF_BUILD',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'CIRCLECI',
  'TRAVIS',
  'JENKINS_URL',
  'CODEBUILD_BUILD_ID',
  'BUILDKITE',
  'TEAMCITY_VERSION',
  'APPVEYOR',
  'BITBUCKET_BUILD_NUMBER',
  'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI',
];

let root: string;
let voiceOnnx: string;

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-piper'] });
  voiceOnnx = path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx');
  root = await tempHome('atelier-telemetry-');
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Every path under `dir`, relative to it. */
async function listTree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

test('the Piper host runs onnxruntime with its telemetry off: nothing under HOME or its cache folder', async () => {
  const userHome = path.join(root, 'user');
  const cache = path.join(root, 'cache');
  await fs.mkdir(userHome);
  await fs.mkdir(cache);
  const out = path.join(root, 'fox.wav');
  const env: NodeJS.ProcessEnv = { ATELIER_HOME: path.join(root, 'data'), HOME: userHome, XDG_CACHE_HOME: cache, ORT_DISABLE_TELEMETRY: undefined };
  for (const name of ORT_CI_VARIABLES) env[name] = undefined;

  const run = runCli(['voice', '--engine', 'piper', '--voice', voiceOnnx, 'The quick brown fox.', '-o', out], env);
  assert.equal(run.status, 0, run.stderr);
  assert.ok((await fs.stat(out)).size > 44, 'the voice spoke');
  // With telemetry on, ORT writes .cache/Microsoft/DeveloperTools/.onnxruntime/{deviceid,onnxruntime.db}.
  assert.deepEqual(await listTree(userHome), []);
  assert.deepEqual(await listTree(cache), []);
});
