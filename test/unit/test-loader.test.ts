import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { initialize, load, resolve } from '../../scripts/test-loader/hooks.mjs';
import { makeTemp, removeTemp } from './support/temp-dir.js';

// scripts/test.mjs runs every test file through these hooks instead of tsx: what they must
// keep is what tsx gave, `x.js` finding `x.ts`, the source file's own URL, and fresh code.

let root: string;
let compiled: string;
const LOADER = new URL('../../scripts/test-loader/register.mjs', import.meta.url).href;
const fail = () => {
  throw new Error('not handled by the hooks');
};

before(async () => {
  root = await makeTemp('atelier-test-loader-');
  compiled = path.join(root, 'compiled');
  await fs.mkdir(path.join(root, 'src'));
  await fs.mkdir(path.join(compiled, 'src'), { recursive: true });
  initialize({ root: `${root}/`, compiled });
});

after(() => removeTemp(root));

test('an import of x.js finds x.ts, or x.tsx, beside the importer', async () => {
  await fs.writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  await fs.writeFile(path.join(root, 'src', 'b.tsx'), 'export const b = 2;\n');
  const parentURL = pathToFileURL(path.join(root, 'src', 'main.ts')).href;
  const a = await resolve('./a.js', { parentURL, conditions: [], importAttributes: {} }, fail);
  assert.equal(a.url, pathToFileURL(path.join(root, 'src', 'a.ts')).href);
  assert.equal(a.format, 'module');
  const b = await resolve('./b.js', { parentURL, conditions: [], importAttributes: {} }, fail);
  assert.equal(b.url, pathToFileURL(path.join(root, 'src', 'b.tsx')).href);
  // A real .js file, and a package name, are left to Node.
  await fs.writeFile(path.join(root, 'src', 'c.js'), 'export const c = 3;\n');
  const passed: string[] = [];
  const next = async (specifier: string) => {
    passed.push(specifier);
    return { url: 'node:fs' };
  };
  await resolve('./c.js', { parentURL, conditions: [], importAttributes: {} }, next);
  await resolve('zod', { parentURL, conditions: [], importAttributes: {} }, next);
  assert.deepEqual(passed, ['./c.js', 'zod']);
});

test('a TypeScript file loads as its compiled JavaScript while that is current, and is compiled afresh once it is edited', async () => {
  const source = path.join(root, 'src', 'value.ts');
  const url = pathToFileURL(source).href;
  await fs.writeFile(source, 'export const value: number = 1;\n');
  const output = path.join(compiled, 'src', 'value.js');
  await fs.writeFile(output, 'export const value = "from the compiled tree";\n');
  const current = await load(url, { format: 'module', conditions: [], importAttributes: {} }, fail);
  assert.equal(current.source, 'export const value = "from the compiled tree";\n');

  // Edited after the run compiled it: the compiled copy is stale, so the hook compiles the source.
  const later = new Date(Date.now() + 5_000);
  await fs.writeFile(source, 'export const value: number = 2;\n');
  await fs.utimes(source, later, later);
  const edited = await load(url, { format: 'module', conditions: [], importAttributes: {} }, fail);
  assert.match(String(edited.source), /const value = 2;/);
  assert.doesNotMatch(String(edited.source), /: number/);
});

test('through register.mjs a file runs with its own import.meta.url, its imports found, and stack traces on its TypeScript lines', async () => {
  // Outside the checkout, so this goes through the compile-as-it-loads path end to end.
  await fs.writeFile(path.join(root, 'src', 'dep.ts'), 'export function twice(n: number): number {\n  return n * 2;\n}\n');
  const entry = path.join(root, 'src', 'entry.ts');
  await fs.writeFile(
    entry,
    [
      "import { twice } from './dep.js';",
      'interface Shape { size: number }',
      'const shape: Shape = { size: twice(21) };',
      'console.log(JSON.stringify({ size: shape.size, url: import.meta.url }));',
      "console.log(new Error('here').stack?.split('\\n')[1]);",
      '',
    ].join('\n'),
  );
  const run = spawnSync(process.execPath, ['--import', LOADER, entry], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [json, frame] = run.stdout.trim().split('\n');
  assert.deepEqual(JSON.parse(json as string), { size: 42, url: pathToFileURL(entry).href });
  assert.match(frame as string, /entry\.ts:5:/);
});
