// Bundles the three targets: the Node side (CLI and Electron main) and the preload
// with esbuild, the renderer with Vite. `--if-stale` skips the work when dist/ is newer
// than every source file, so `npm test` and `npm start` stay quick after the first build.
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const sources = ['main', 'preload', 'renderer', 'package.json', 'scripts/build.mjs'];

function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const s of sources) if (fs.existsSync(path.join(root, s))) visit(path.join(root, s));
  return newest;
}

if (process.argv.includes('--if-stale') && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource()) {
  process.exit(0);
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const started = Date.now();
// Chunk names carry a hash: clear the old ones so dist/cli holds only what the entry imports.
fs.rmSync(path.join(dist, 'cli'), { recursive: true, force: true });
// Packages stay in node_modules and load at run time, but for those that are pure JavaScript
// spread over hundreds of files on `atelier serve`'s start path, bundled with everything they
// import: Node resolves, reads and compiles a package's files one by one (fastify with the
// plugins the web host registered was ~300 CommonJS modules, each wrapped, scanned for its exports
// and stat'ed on the way), which cost serve more CPU before its URL than all of Atelier's own
// code; bundled, each is part of one chunk Node reads and compiles at once. zod keeps its
// locales (it exports them all through one namespace). The bundled packages stay dependencies:
// electron-builder packs node_modules as before. What they import only on paths the studio
// never takes (pino's worker transports, found by __dirname) is left unreachable, not fixed.
const BUNDLED_PACKAGES = new Set(['zod', 'fastify', '@fastify/websocket', '@fastify/multipart']);
// Fastify's JSON-schema compilers load on first use (main/hosts/web/lazy-schema-compilers.ts),
// which no Atelier route needs: they stay out of the bundle, so its start-up never parses them.
const FIRST_USE_PACKAGES = new Set(['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'ajv', 'ajv-formats']);
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
// Only a bundled package's files are read by esbuild, so an import from inside node_modules is
// one of theirs, and joins the bundle too (nested versions included, as Node would resolve them).
const insideNodeModules = (importer) => importer.split(path.sep).includes('node_modules');
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'entry-point' ||
      path.isAbsolute(args.path) ||
      BUNDLED_PACKAGES.has(packageName(args.path)) ||
      (insideNodeModules(args.importer) && !FIRST_USE_PACKAGES.has(packageName(args.path)))
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

// zod re-exports every locale through one namespace (`z.locales`), so a bundler cannot leave
// the forty-odd languages out though nothing here reads them: 360 kB of `atelier serve`'s
// start-up chunk, parsed on every launch (about 10 ms). Its error messages stay English (zod
// sets that locale by its own import), so its locales index becomes a module with English
// only. Should zod move the file, nothing matches and the bundle is only larger.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.split(path.sep).includes('zod') ? { path: path.join(root, 'scripts/zod-locales-en.mjs') } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __ATELIER_VERSION__: JSON.stringify(pkg.version), __ATELIER_NAME__: JSON.stringify(pkg.productName) },
};

await Promise.all([
  esbuild({
    ...common,
    // Split into chunks: dist/cli/atelier.mjs stays the entry, and each command's code (with the
    // libraries it imports) is a chunk loaded by import() when that command runs. The chunks sit
    // beside the entry, so code that finds files relative to its own bundle finds the same folder.
    entryPoints: { atelier: 'main/hosts/cli/cli.ts' },
    outdir: 'dist/cli',
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
    banner: { js: "import { createRequire as __atelierRequire } from 'node:module'; const require = __atelierRequire(import.meta.url);" },
  }),
  // The same CLI as one CommonJS file, which `atelier serve` runs through V8's code cache
  // (bin/code-cache.mjs; Node 20 caches no ES module's code). Beside the chunks, so code that
  // finds files from its own folder finds the same ones; import.meta is empty in CommonJS and
  // codeDirOf falls back to __dirname, as in the Electron bundle. Its import() calls (packages
  // loaded on first use) become require(): Node 20 loses a cached script's dynamic-import hook
  // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and it can require ES modules from 20.19 on.
  esbuild({
    ...common,
    entryPoints: ['main/hosts/cli/cli.ts'],
    outfile: 'dist/cli/atelier.cjs',
    format: 'cjs',
    supported: { 'dynamic-import': false },
    plugins: [zodEnglishOnly, externalPackages],
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  // The espeak-ng worker: its own entry, found beside the bundles as dist/workers/espeak-worker.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/voice/espeak/espeak-worker.ts'],
    outfile: 'dist/workers/espeak-worker.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  // The text engine's host process (node-llama-cpp): dist/workers/llama-host.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/text/llama-host.ts'],
    outfile: 'dist/workers/llama-host.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  // The embedding engine's host process (node-llama-cpp, a second model beside the text one): dist/workers/embed-host.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/text/embed-host.ts'],
    outfile: 'dist/workers/embed-host.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  // The diffusion engine's host process (onnxruntime-node): dist/workers/diffusion-host.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/image/diffusion/diffusion-host.ts'],
    outfile: 'dist/workers/diffusion-host.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  // The Piper voice engine's host process (onnxruntime-node): dist/workers/piper-host.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/voice/piper/piper-host.ts'],
    outfile: 'dist/workers/piper-host.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  // The Kokoro voice engine's host process (onnxruntime-node): dist/workers/kokoro-host.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/voice/kokoro/kokoro-host.ts'],
    outfile: 'dist/workers/kokoro-host.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  // The Whisper listening engine's host process (sherpa-onnx-node): dist/workers/whisper-host.mjs.
  esbuild({
    ...common,
    entryPoints: ['main/engines/listen/whisper-host.ts'],
    outfile: 'dist/workers/whisper-host.mjs',
    format: 'esm',
    plugins: [zodEnglishOnly, externalPackages],
  }),
  esbuild({
    ...common,
    entryPoints: ['main/hosts/electron/electron-main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    plugins: [zodEnglishOnly, externalPackages],
    // import.meta only appears in from-source fallbacks that the injected defines switch off.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  // A sandboxed preload may only require 'electron', so everything else is bundled in.
  esbuild({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
  }),
]);

// esbuild escapes non-ASCII characters in strings but not in regular expressions and comments,
// and one such character makes V8 hold the whole 2.7 MB source of the bundle `atelier serve`
// keeps for its life as two bytes a character. \u escapes mean the same in both places.
// (After a backslash an escape would change the meaning, so the build stops there instead.)
const serveBundle = path.join(dist, 'cli', 'atelier.cjs');
const serveSource = fs.readFileSync(serveBundle, 'utf8');
const escaped = /\\[^\x00-\x7f]/.exec(serveSource);
if (escaped) throw new Error(`dist/cli/atelier.cjs: a backslash before a non-ASCII character (${escaped[0]}) cannot be rewritten as a \\u escape`);
fs.writeFileSync(
  serveBundle,
  serveSource.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });

fs.writeFileSync(stamp, new Date().toISOString());
console.log(`built main, preload and renderer into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
