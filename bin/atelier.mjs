#!/usr/bin/env node
// The installed `atelier` command: runs the bundled CLI that `npm install` (prepare) builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/atelier.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(`atelier: not built yet: run 'npm run build' in ${fileURLToPath(new URL('..', import.meta.url))}\n`);
  process.exit(1);
}
// `atelier serve` is the launch people wait on, again and again: it runs from the whole CLI
// as one CommonJS bundle through V8's code cache (bin/code-cache.mjs), which skips most of
// compiling its 2.7 MB after the first launch. Everything else, `--version` and the help texts
// above all, runs from the small ES module entry that loads only the command it runs.
const [command, ...rest] = process.argv.slice(2);
const cached = fileURLToPath(new URL('../dist/cli/atelier.cjs', import.meta.url));
if (command === 'serve' && !rest.some((arg) => arg === '--help' || arg === '-h') && existsSync(cached)) {
  const { codeCacheDir, runWithCodeCache } = await import('./code-cache.mjs');
  runWithCodeCache(cached, codeCacheDir());
} else {
  await import(entry.href);
}
