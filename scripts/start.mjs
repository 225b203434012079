// `npm start`: the desktop window where Electron's binary is installed, otherwise the
// studio in the browser through the web host, saying why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  let installScript;
  try {
    installScript = require.resolve('electron/install.js');
  } catch {
    return { path: null, why: 'the electron package is not installed (npm skipped it after its binary download failed)' };
  }
  const read = () => {
    try {
      return require('electron'); // the package's main export is the binary's path, and throws when it is missing
    } catch {
      return null;
    }
  };
  let binary = read();
  if (!binary) {
    // npm 11 does not run dependency install scripts unless approved, so fetch the binary on first start.
    console.log("Fetching Electron's binary…");
    const result = spawnSync(process.execPath, [installScript], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    delete require.cache[require.resolve('electron')];
    binary = result.status === 0 ? read() : null;
    if (!binary) return { path: null, why: "Electron's binary could not be downloaded (no network to its release host?)" };
  }
  return fs.existsSync(binary) ? { path: binary, why: '' } : { path: null, why: `Electron's binary is missing at ${binary}` };
}

const electron = process.env.ATELIER_WEB === '1' ? { path: null, why: 'ATELIER_WEB=1 is set' } : electronBinary();
const child = electron.path
  ? spawn(electron.path, [root], { stdio: 'inherit' })
  : (console.log(`Starting the studio in your browser instead of a desktop window: ${electron.why}.`),
    spawn(process.execPath, [fileURLToPath(new URL('../bin/atelier.mjs', import.meta.url)), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
