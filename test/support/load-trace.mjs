// `node --import ./test/support/load-trace.mjs …` writes every module the process loads, one
// URL or path a line, to the file LOAD_TRACE names: ES modules as the resolve hook sees them
// (on the hooks thread) and CommonJS ones from require.cache when the process exits. Tests use
// it to check which libraries a command loads, not how long it takes.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

let traceFile;

export function initialize(data) {
  traceFile = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  fs.appendFileSync(traceFile, `${resolved.url}\n`);
  return resolved;
}

const file = process.env.LOAD_TRACE;
if (isMainThread && file) {
  register(import.meta.url, { data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => fs.appendFileSync(file, Object.keys(cache).join('\n') + '\n'));
}
