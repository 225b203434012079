// Runs a CommonJS bundle with V8's code cache, so a launch after the first skips compiling the
// code its start-up ran. Node 22 does this itself (module.enableCompileCache); Node 20, which
// Atelier supports, has only vm.Script's cachedData. The cache is an optimisation and nothing
// more: a missing, stale, damaged or unwritable cache costs one normal compile, never a failure.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The folder for the cache: the platform's per-user cache folder (never a shared temporary
 * folder, where another user could plant bytecode for us to run), or ATELIER_CODE_CACHE.
 * Undefined, so no cache, where there is no absolute home folder to put it in.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 * @param {() => string} homedir
 * @returns {string | undefined}
 */
export function codeCacheDir(env = process.env, platform = process.platform, homedir = os.homedir) {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  if (env.ATELIER_CODE_CACHE && paths.isAbsolute(env.ATELIER_CODE_CACHE)) return env.ATELIER_CODE_CACHE;
  const absolute = (/** @type {string | undefined} */ dir) => (dir && paths.isAbsolute(dir) ? dir : undefined);
  let home;
  try {
    home = absolute(homedir());
  } catch {
    // No home folder (a user without a passwd entry): no cache.
  }
  const base =
    platform === 'win32'
      ? (absolute(env.LOCALAPPDATA) ?? (home && paths.join(home, 'AppData', 'Local')))
      : platform === 'darwin'
        ? home && paths.join(home, 'Library', 'Caches')
        : (absolute(env.XDG_CACHE_HOME) ?? (home && paths.join(home, '.cache')));
  return base && paths.join(base, 'atelier', 'code-cache');
}

/**
 * The start of the cache files' names for `file`: its name and a hash of its path, so two
 * installs of Atelier keep a cache each instead of removing each other's.
 * @param {string} file
 */
function cachePrefix(file) {
  return `${path.basename(file)}-${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 12)}-`;
}

/**
 * The cache file for `file` as it is now (its name starts with `prefix`): V8 checks only the
 * source's length and its own version before it trusts a cache, so the bundle's size, time
 * and inode are in the name too, and a rebuilt bundle never runs another build's bytecode.
 * @param {string} file
 * @param {string} dir
 * @param {string} prefix
 */
function cacheFileFor(file, dir, prefix) {
  const stat = fs.statSync(file);
  const key = [process.version, process.arch, stat.size, Math.round(stat.mtimeMs), stat.ino].join('-');
  return path.join(dir, `${prefix}${key}.v8`);
}

/**
 * Writes the script's code (what has run so far compiled in it) beside older caches of the
 * same bundle, which it removes; written under a temporary name and renamed, so a reader never
 * sees half a cache. Failures are ignored: the next launch compiles again.
 * @param {vm.Script} script
 * @param {string} cacheFile
 * @param {string} prefix the names of this bundle's caches start so (`cachePrefix`)
 */
function saveCache(script, cacheFile, prefix) {
  try {
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const partial = `${cacheFile}.${process.pid}.partial`;
    fs.writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(partial, cacheFile);
    // Older builds' caches go; so do partial files a killed launch left over a minute ago.
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(prefix) || name === path.basename(cacheFile)) continue;
      const other = path.join(dir, name);
      if (name.endsWith('.v8') || (name.endsWith('.partial') && Date.now() - fs.statSync(other).mtimeMs > 60_000)) fs.rmSync(other, { force: true });
    }
  } catch {
    // An unwritable cache folder is the same as no cache.
  }
}

/**
 * Runs the CommonJS file `file` as `require` would (its own module object, in require.cache),
 * compiled from the code cache in `dir` when one matches. Without one, the cache is written a
 * second after start or when the process exits, whichever comes first, so it holds what
 * start-up compiled. Returns whether the cache was used.
 * @param {string} file
 * @param {string | undefined} dir
 * @returns {boolean}
 */
export function runWithCodeCache(file, dir) {
  const bytes = fs.readFileSync(file);
  // The build makes the bundle ASCII, which reads as Latin-1 without UTF-8's decoding (and V8
  // keeps it at a byte a character); any other file is read as UTF-8.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const prefix = cachePrefix(file);
  let cacheFile;
  let cachedData;
  try {
    cacheFile = dir === undefined ? undefined : cacheFileFor(file, dir, prefix);
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet.
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData && { cachedData }),
    // No importModuleDynamically: Node 20 loses that hook on a script made from a cache, so
    // import() would work on the first launch and fail on the next. Without it import() fails
    // on every launch alike, and the build turns the bundle's import() calls into require().
  });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (!used && cacheFile) {
    const target = cacheFile;
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      saveCache(script, target, prefix);
    };
    setTimeout(save, 1000).unref();
    process.once('exit', save);
  }
  const require = Module.createRequire(file);
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = module;
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file));
  module.loaded = true;
  return used;
}
