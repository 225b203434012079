#!/usr/bin/env node
// The installed `atelier` command: runs the bundled CLI that `npm install` (prepare) builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/atelier.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(`atelier: not built yet: run 'npm run build' in ${fileURLToPath(new URL('..', import.meta.url))}\n`);
  process.exit(1);
}
await import(entry.href);
