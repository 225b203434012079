// Module hooks for the test processes (registered by register.mjs): an import of `x.js` that
// names a TypeScript file finds `x.ts` (or `.tsx`), and a TypeScript file loads as the
// JavaScript compile.mjs wrote for it, under its own URL, so import.meta.url and every path
// worked out from it stay the source file's. A file compiled after the run began (or outside
// the compiled folders) is compiled here with esbuild, as tsx would.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TS = /\.tsx?$/;
let root = '';
let compiled = '';

export function initialize(data) {
  root = data.root;
  compiled = data.compiled;
}

function typescriptFor(file) {
  for (const ext of ['.ts', '.tsx']) {
    const candidate = file.slice(0, -3) + ext;
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

export async function resolve(specifier, context, next) {
  const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier.startsWith('file:');
  if (relative && (context.parentURL === undefined || context.parentURL.startsWith('file:'))) {
    const url = new URL(specifier, context.parentURL ?? pathToFileURL(`${process.cwd()}/`));
    const file = fileURLToPath(url);
    if (TS.test(file) && fs.existsSync(file)) return { url: url.href, format: 'module', shortCircuit: true };
    if (file.endsWith('.js') && !fs.existsSync(file)) {
      const ts = typescriptFor(file);
      if (ts) return { url: pathToFileURL(ts).href + url.search, format: 'module', shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return next(url, context);
  const file = fileURLToPath(url);
  const js = file.startsWith(root) ? path.join(compiled, file.slice(root.length).replace(TS, '.js')) : null;
  if (js && fs.existsSync(js) && fs.statSync(js).mtimeMs >= fs.statSync(file).mtimeMs) {
    return { format: 'module', source: fs.readFileSync(js, 'utf8'), shortCircuit: true };
  }
  const { transform } = await import('esbuild');
  const result = await transform(fs.readFileSync(file, 'utf8'), {
    loader: file.endsWith('.tsx') ? 'tsx' : 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: file,
    keepNames: true,
  });
  return { format: 'module', source: result.code, shortCircuit: true };
}
