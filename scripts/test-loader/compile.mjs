// The TypeScript of the checkout, compiled once per test run for scripts/test-loader/hooks.mjs.
// tsx compiles the same way (esbuild, one file at a time, names kept), but each test process
// paid about 0.45 CPU-s to set tsx up before its first import, and the suite starts over two
// hundred of them; a hook that reads finished JavaScript costs a fraction of that.
import fs from 'node:fs';
import path from 'node:path';

/** The folders whose TypeScript a test can import. */
const SOURCE_DIRS = ['main', 'preload', 'renderer/src', 'test', 'scripts', 'models', 'bench'];

/** Where the JavaScript goes: under node_modules, so it is never committed or linted. */
export const compiledDir = (root) => path.join(root, 'node_modules', '.cache', 'atelier-test-js');

function sourcesUnder(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'out') sourcesUnder(p, out);
    } else if (/\.tsx?$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name)) out.push(p);
  }
  return out;
}

/**
 * Compiles every source file (about a second for the whole tree) and writes each output by a
 * rename, so a run that reads the folder meanwhile (a second `npm test` in the same checkout)
 * sees a whole file, old or new. An output whose source was deleted is never read: the hooks
 * look for the source first.
 */
export async function compileForTests(root) {
  const { build } = await import('esbuild');
  const out = compiledDir(root);
  const entryPoints = SOURCE_DIRS.flatMap((dir) => sourcesUnder(path.join(root, dir), []));
  const result = await build({
    entryPoints,
    outdir: out,
    outbase: root,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    keepNames: true,
    logLevel: 'error',
    write: false,
  });
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
}
